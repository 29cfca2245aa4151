package dev.warden.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.service.AiServices;
import dev.warden.Warden;
import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.Mutation;
import dev.warden.api.WriteBatch;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Tool authorization driven end to end through AiServices by a scripted (fake) chat model. */
class AuthorizedToolsTest {

  static final String POLICY =
      """
      actor User {}

      resource Tool {
        permissions = ["use"];
        roles = ["user"];
        "use" if "user";
      }

      resource Document {
        permissions = ["read"];
        roles = ["viewer"];
        "read" if "viewer";
      }
      """;

  static final EntityRef ALICE = EntityRef.of("User", "alice");
  static final EntityRef BOB = EntityRef.of("User", "bob");

  interface Assistant {
    String chat(String message);
  }

  /** The agent's tools; counters prove whether a body ran. */
  static final class Tools {
    final AtomicInteger searches = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();

    @Tool("Searches the knowledge base")
    String search(@P("what to look for") String query) {
      searches.incrementAndGet();
      return "results for " + query;
    }

    @Tool(name = "read_file", value = "Reads one document")
    String readFile(@AuthorizedResource(type = "Document", action = "read") String path) {
      reads.incrementAndGet();
      return "contents of " + path;
    }
  }

  Warden warden;
  Tools tools;
  RecordingDecisionLog log;
  AuthorizedTools authorized;

  @BeforeEach
  void setUp() {
    warden = Warden.builder().policy("tools.warden", POLICY).build();
    warden.grant(
        "Tool:search#user@User:bob",
        "Tool:read_file#user@User:bob",
        "Tool:read_file#user@User:alice",
        "Document:mfa#viewer@User:bob",
        "Document:mfa#viewer@User:alice");
    tools = new Tools();
    log = new RecordingDecisionLog();
    authorized = AuthorizedTools.builder(warden).tools(tools).decisionLog(log).build();
  }

  @AfterEach
  void tearDown() {
    warden.close();
  }

  static Function<ChatRequest, AiMessage> call(String tool, String argumentsJson) {
    return r ->
        AiMessage.from(
            ToolExecutionRequest.builder()
                .id("call-1")
                .name(tool)
                .arguments(argumentsJson)
                .build());
  }

  /** The final step: answers with the text of the last tool result. */
  static AiMessage echoToolResult(ChatRequest r) {
    return AiMessage.from("answer: " + lastToolResult(r));
  }

  static String lastToolResult(ChatRequest r) {
    List<ChatMessage> messages = r.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof ToolExecutionResultMessage t) {
        return t.text();
      }
    }
    return "(no tool result)";
  }

  String ask(EntityRef user, ScriptedChatModel model, String question) {
    Assistant assistant =
        authorized
            .forUser(user)
            .applyTo(AiServices.builder(Assistant.class).chatModel(model))
            .build();
    return assistant.chat(question);
  }

  static List<String> offeredNames(ChatRequest r) {
    return r.toolSpecifications().stream().map(ToolSpecification::name).toList();
  }

  @Test
  void toolsTheUserMayNotUseAreNotOffered() {
    ScriptedChatModel forAlice = new ScriptedChatModel(List.of(r -> AiMessage.from("ok")));
    ask(ALICE, forAlice, "hi");
    assertThat(offeredNames(forAlice.requests().get(0))).containsExactly("read_file");

    ScriptedChatModel forBob = new ScriptedChatModel(List.of(r -> AiMessage.from("ok")));
    ask(BOB, forBob, "hi");
    assertThat(offeredNames(forBob.requests().get(0)))
        .containsExactlyInAnyOrder("search", "read_file");
  }

  @Test
  void aForcedCallToAToolNotOfferedIsRefusedAndTheBodyNeverRuns() {
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(
                call("search", "{\"query\":\"What is MFA?\"}"),
                AuthorizedToolsTest::echoToolResult));
    String answer = ask(ALICE, model, "What is MFA?");

    assertThat(lastToolResult(model.requests().get(1)))
        .isEqualTo("User alice is not authorized to use this tool.");
    assertThat(answer).isEqualTo("answer: User alice is not authorized to use this tool.");
    assertThat(tools.searches).hasValue(0);
    assertThat(log.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.actor()).isEqualTo(ALICE);
              assertThat(e.action()).isEqualTo("use");
              assertThat(e.resource()).isEqualTo(EntityRef.of("Tool", "search"));
              assertThat(e.allowed()).isFalse();
              assertThat(e.source()).isEqualTo("agent-tool");
              assertThat(e.reason()).isEqualTo("tool not authorized");
            });
  }

  @Test
  void anAuthorizedCallRunsAndIsAudited() {
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(call("search", "{\"query\":\"MFA\"}"), AuthorizedToolsTest::echoToolResult));
    assertThat(ask(BOB, model, "What is MFA?")).isEqualTo("answer: results for MFA");
    assertThat(tools.searches).hasValue(1);
    assertThat(log.events())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.allowed()).isTrue();
              assertThat(e.reason()).isEqualTo("granted");
              assertThat(e.source()).isEqualTo("agent-tool");
              assertThat(e.decisionId()).isNotBlank();
            });
  }

  @Test
  void aToolActingOnAResourceTheUserMayNotReadIsRefused() {
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(
                call("read_file", "{\"path\":\"payroll\"}"), AuthorizedToolsTest::echoToolResult));
    assertThat(ask(ALICE, model, "show payroll"))
        .isEqualTo("answer: User alice is not authorized to use this tool.");
    assertThat(tools.reads).hasValue(0);
    assertThat(log.events())
        .extracting(DecisionEvent::action, e -> e.resource().toString(), DecisionEvent::allowed)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("use", "Tool:read_file", true),
            org.assertj.core.groups.Tuple.tuple("read", "Document:payroll", false));
  }

  @Test
  void aToolActingOnAResourceTheUserMayReadRuns() {
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(call("read_file", "{\"path\":\"mfa\"}"), AuthorizedToolsTest::echoToolResult));
    assertThat(ask(ALICE, model, "show mfa")).isEqualTo("answer: contents of mfa");
    assertThat(tools.reads).hasValue(1);
  }

  @Test
  void permissionsRevokedAfterTheToolWasOfferedAreEnforcedAtCallTime() {
    UserTools bobs = authorized.forUser(BOB);
    assertThat(bobs.offered().keySet()).extracting(ToolSpecification::name).contains("search");
    warden.write(
        new WriteBatch(
            List.of(new Mutation.Delete(Grant.parse("Tool:search#user@User:bob"))), List.of()));
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(call("search", "{\"query\":\"MFA\"}"), AuthorizedToolsTest::echoToolResult));
    Assistant assistant =
        bobs.applyTo(AiServices.builder(Assistant.class).chatModel(model)).build();
    assertThat(assistant.chat("What is MFA?"))
        .isEqualTo("answer: User bob is not authorized to use this tool.");
    assertThat(tools.searches).hasValue(0);
  }

  @Test
  void aCallToAnUnknownToolGetsTheSameRefusal() {
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(call("send_email", "{}"), AuthorizedToolsTest::echoToolResult));
    assertThat(ask(BOB, model, "mail it"))
        .isEqualTo("answer: User bob is not authorized to use this tool.");
    assertThat(log.events())
        .singleElement()
        .extracting(DecisionEvent::reason)
        .isEqualTo("unknown tool");
  }

  @Test
  void missingResourceArgumentsFailClosed() {
    ScriptedChatModel model =
        new ScriptedChatModel(
            List.of(call("read_file", "{}"), AuthorizedToolsTest::echoToolResult));
    assertThat(ask(BOB, model, "read"))
        .isEqualTo("answer: User bob is not authorized to use this tool.");
    assertThat(tools.reads).hasValue(0);
  }
}
