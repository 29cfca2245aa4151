package dev.warden.cli.demo;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.Result;
import dev.warden.identity.Identity;
import dev.warden.langchain4j.AuthorizedContentRetriever;
import dev.warden.langchain4j.Retrieval;
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

/** {@code warden demo rag}: retrieval that returns only passages the user may read. */
@Command(
    name = "rag",
    mixinStandardHelpOptions = true,
    description = {
      "Answers a question from the bundled corpus using only passages of documents the user may"
          + " `read`. The user comes from --user, or from a verified --token (with --secret or"
          + " --jwks).",
      "Without a configured chat model, prints the retrieved passages."
    })
final class RagDemoCommand implements Callable<Integer> {

  /** What the AI service exposes. */
  interface Assistant {
    Result<String> answer(String question);
  }

  @Spec CommandSpec spec;

  @Mixin IdentityOptions identity;

  @Mixin ChatModelOptions chat;

  @Option(names = "--examples", description = "Directory with the demo files (default: bundled).")
  Path examples;

  @Option(names = "--audit", description = "Append every decision as JSON lines to this file.")
  Path audit;

  @Option(names = "--top", description = "How many passages to retrieve (default: 3).")
  int top = 3;

  @Parameters(index = "0", paramLabel = "QUESTION", description = "The question.")
  String question;

  @Override
  public Integer call() {
    Identity who = identity.identity();
    PrintWriter out = spec.commandLine().getOut();
    Optional<ChatModel> configured = chat.chatModel();
    try (LlmWorld world = LlmWorld.open(examples)) {
      AuthorizedContentRetriever retriever =
          AuthorizedContentRetriever.builder()
              .authorizer(world.warden())
              .embeddingModel(world.model())
              .embeddingStore(world.store())
              .actor(who.actor())
              .actorAttributes(who.attributes(world.warden().policy()))
              .maxResults(top)
              .decisionLog(AuditFile.to(audit))
              .build();
      out.println("Asking as " + who.actor() + ".");
      if (configured.isEmpty()) {
        out.println(ChatModelOptions.NONE_CONFIGURED + ": showing the retrieved passages.");
        Retrieval r = retriever.retrieveWithPath(question);
        out.println(Passages.render(r.contents()));
      } else {
        Assistant assistant =
            AiServices.builder(Assistant.class)
                .chatModel(configured.get())
                .contentRetriever(retriever)
                .build();
        Result<String> answer = assistant.answer(question);
        out.println(answer.content());
        out.println();
        out.println("Sources:");
        out.println(Passages.render(answer.sources()));
      }
    }
    out.flush();
    return 0;
  }
}
