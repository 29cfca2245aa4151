package dev.warden.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The demos with a configured chat model. The "model" is a test double: a loopback HTTP server
 * speaking the OpenAI chat-completions wire format, which requests the search tool when it is
 * offered and otherwise answers from what it was sent. It records every request so the test can see
 * which tools the real OpenAI client offered.
 */
class ConfiguredModelDemoTest {

  static final ObjectMapper JSON = new ObjectMapper();

  HttpServer server;
  final List<JsonNode> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", this::complete);
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
  }

  private void complete(HttpExchange x) throws IOException {
    try (x) {
      JsonNode request = JSON.readTree(x.getRequestBody());
      requests.add(request);
      JsonNode messages = request.path("messages");
      JsonNode last = messages.get(messages.size() - 1);
      ObjectNode message = JSON.createObjectNode().put("role", "assistant");
      String finish = "stop";
      if (last.path("role").asText().equals("tool")) {
        message.put("content", "Model answer using: " + last.path("content").asText());
      } else if (offered(request).contains("search")) {
        ArrayNode calls = message.putArray("tool_calls");
        ObjectNode call = calls.addObject().put("id", "call_1").put("type", "function");
        call.putObject("function").put("name", "search").put("arguments", "{\"query\":\"MFA\"}");
        finish = "tool_calls";
      } else {
        message.put("content", "Model answer from context: " + last.path("content").asText());
      }
      ObjectNode response =
          JSON.createObjectNode()
              .put("id", "chatcmpl-1")
              .put("object", "chat.completion")
              .put("created", 0)
              .put("model", "stub");
      response
          .putArray("choices")
          .addObject()
          .put("index", 0)
          .put("finish_reason", finish)
          .set("message", message);
      response
          .putObject("usage")
          .put("prompt_tokens", 1)
          .put("completion_tokens", 1)
          .put("total_tokens", 2);
      byte[] body = JSON.writeValueAsBytes(response);
      x.getResponseHeaders().set("Content-Type", "application/json");
      x.sendResponseHeaders(200, body.length);
      x.getResponseBody().write(body);
    }
  }

  static List<String> offered(JsonNode request) {
    return request.path("tools").findValues("name").stream().map(JsonNode::asText).toList();
  }

  CliRun run(String... args) {
    String[] all = new String[args.length + 6];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(
        new String[] {"--base-url", baseUrl(), "--api-key", "test", "--model", "stub"},
        0,
        all,
        args.length,
        6);
    return CliRun.of(all);
  }

  @Test
  void theModelIsNeverOfferedAToolTheUserMayNotUse() {
    CliRun r = run("demo", "agent", "--user", "alice", "What is MFA?");
    assertThat(r.status()).isZero();
    assertThat(r.out()).doesNotContain("No chat model configured").startsWith("Model answer");
    assertThat(requests).singleElement().satisfies(q -> assertThat(offered(q)).isEmpty());
  }

  @Test
  void anOfferedToolRunsAndItsResultReachesTheModel() {
    CliRun r = run("demo", "agent", "--user", "bob", "What is MFA?");
    assertThat(r.status()).isZero();
    assertThat(offered(requests.get(0))).containsExactly("search");
    assertThat(r.out()).startsWith("Model answer using: [Document:mfa]");
  }

  @Test
  void ragSendsOnlyReadablePassagesToTheModel() {
    CliRun r = run("demo", "rag", "--user", "carol", "What is the Q3 budget?");
    assertThat(r.status()).isZero();
    String sent = requests.get(0).toString();
    assertThat(sent).contains("Employee handbook").doesNotContain("4.2 million");
    assertThat(r.out()).contains("Sources:").contains("[Document:handbook]");
    assertThat(r.out()).doesNotContain("[Document:q3-budget]");
  }
}
