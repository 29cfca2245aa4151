package dev.warden.cli.demo;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.warden.identity.Identity;
import dev.warden.langchain4j.AuthorizedContentRetriever;
import dev.warden.langchain4j.AuthorizedTools;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden demo agent}: an agent whose tools are authorized per user. */
@Command(
    name = "agent",
    mixinStandardHelpOptions = true,
    description = {
      "Asks an agent a question as a user. The agent has one tool, `search` (semantic search over"
          + " the bundled corpus); it is offered only to users who may `use` Tool:search, and every"
          + " call is checked again when it runs.",
      "Without a configured chat model, ScriptedPlanner (a deterministic rule-based stand-in, not"
          + " an LLM) requests the search tool and answers with its result."
    })
final class AgentDemoCommand implements Callable<Integer> {

  /** What the AI service exposes. */
  interface Assistant {
    String chat(String question);
  }

  @Spec CommandSpec spec;

  @Mixin IdentityOptions identity;

  @Mixin ChatModelOptions chat;

  @Option(names = "--examples", description = "Directory with the demo files (default: bundled).")
  Path examples;

  @Option(names = "--audit", description = "Append every decision as JSON lines to this file.")
  Path audit;

  @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
  String question;

  @Override
  public Integer call() {
    Identity who = identity.identity();
    PrintWriter out = spec.commandLine().getOut();
    Optional<ChatModel> configured = chat.chatModel();
    if (configured.isEmpty()) {
      out.println(
          ChatModelOptions.NONE_CONFIGURED
              + ": ScriptedPlanner, a rule-based stand-in, requests the search tool.");
    }
    try (LlmWorld world = LlmWorld.open(examples)) {
      AuthorizedContentRetriever retriever =
          AuthorizedContentRetriever.builder()
              .authorizer(world.warden())
              .embeddingModel(world.model())
              .embeddingStore(world.store())
              .actor(who.actor())
              .actorAttributes(who.attributes(world.warden().policy()))
              .maxResults(2)
              .decisionLog(AuditFile.to(audit))
              .build();
      AuthorizedTools tools =
          AuthorizedTools.builder(world.warden())
              .tools(new DemoSearchTool(retriever))
              .decisionLog(AuditFile.to(audit))
              .build();
      Assistant assistant =
          tools
              .forUser(who.actor(), who.attributes(world.warden().policy()))
              .applyTo(
                  AiServices.builder(Assistant.class)
                      .chatModel(configured.orElseGet(ScriptedPlanner::new)))
              .build();
      out.println(assistant.chat(question));
    }
    out.flush();
    return 0;
  }
}
