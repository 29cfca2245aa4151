package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.EntityRef;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What {@link HttpFuzzTest} found, one focused case each: every one failed before its fix. */
class FuzzFindingsTest {

  static TestServer s;

  @BeforeAll
  static void start() {
    s =
        new TestServer(
            ServerConfig.builder().port(0).consistencyTimeout(Duration.ofMillis(20)).build(),
            dev.warden.api.DecisionLog.NONE);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static JsonNode error(RawHttp.Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().get("content-type")).startsWith("application/json");
    JsonNode e = r.json().get("error");
    assertThat(e.get("code").asText()).as(r.body()).isEqualTo(code);
    assertThat(e.get("message").asText()).isNotBlank();
    assertThat(e.get("details").isArray()).isTrue();
    return e;
  }

  private static RawHttp.Response post(String path, String key, byte[] body) {
    return RawHttp.exchange(s.server.port(), "POST", path, key, body);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** Jackson's messages named its classes, settings and methods; the caller gets plain words. */
  @Test
  void malformedJsonMessagesNameNoParserInternals() {
    String deep = "{\"actor\":" + "[".repeat(70) + "]".repeat(70) + "}";
    String nesting =
        error(post("/v1/check", s.checker, utf8(deep)), 400, "malformed_json")
            .get("message")
            .asText();
    assertThat(nesting).contains("64").doesNotContain("StreamReadConstraints").doesNotContain("`");
    for (String trailing : new String[] {"{} {}", "{}1", "{}[]"}) {
      String m =
          error(post("/v1/check", s.checker, utf8(trailing)), 400, "malformed_json")
              .get("message")
              .asText();
      assertThat(m)
          .contains("after")
          .doesNotContain("com.fasterxml")
          .doesNotContain("DeserializationFeature")
          .doesNotContain("JsonNode");
    }
  }

  /**
   * JSON text is UTF-8 (RFC 8259). Jackson decoded the overlong {@code C0 80} as NUL and {@code ED
   * A0 80} as a lone surrogate, so two byte strings named one value; such bodies are now 400, like
   * the same bytes in a path.
   */
  @Test
  void aBodyThatIsNotUtf8IsMalformedJson() {
    byte[][] bad = {
      {(byte) 0xc0, (byte) 0x80},
      {(byte) 0xc1, (byte) 0xa1},
      {(byte) 0xe0, (byte) 0x80, (byte) 0xaf},
      {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
      {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80},
      {(byte) 0xff},
      {(byte) 0xe2, (byte) 0x80},
    };
    long revision = s.warden.revision();
    for (byte[] b : bad) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      body.writeBytes(utf8("{\"attributes\":{\"department\":\"x"));
      body.writeBytes(b);
      body.writeBytes(utf8("\"}}"));
      RawHttp.Response r =
          RawHttp.exchange(
              s.server.port(), "PUT", "/v1/entities/User/larry", s.writer, body.toByteArray());
      assertThat(error(r, 400, "malformed_json").get("message").asText()).contains("UTF-8");
    }
    // the same JSON in UTF-16 is not UTF-8 either: a NUL byte is never part of UTF-8 JSON text
    byte[] utf16 =
        TestServer.check("User:larry", "read", "Repository:gmail")
            .getBytes(StandardCharsets.UTF_16BE);
    error(post("/v1/check", s.checker, utf16), 400, "malformed_json");
    assertThat(s.warden.revision()).isEqualTo(revision);
    // well-formed multi-byte text still passes
    RawHttp.Response ok =
        RawHttp.exchange(
            s.server.port(),
            "PUT",
            "/v1/entities/User/larry",
            s.writer,
            utf8("{\"attributes\":{\"department\":\"é\u4e00\ud83d\ude00\"}}"));
    assertThat(ok.status()).as(ok.body()).isEqualTo(200);
  }

  /**
   * The HTTP codec refused a request line over 8 KiB with a bare 414 and no body, and headers over
   * 16 KiB with a bare 431: neither had the documented error shape.
   */
  @Test
  void requestsTheHttpCodecRefusesGetTheErrorShape() {
    try (RawHttp c = new RawHttp(s.server.port())) {
      c.send(RawHttp.head("GET", "/v1/" + "p".repeat(9000), null, -1, Map.of()));
      error(c.read(), 414, "uri_too_long");
    }
    try (RawHttp c = new RawHttp(s.server.port())) {
      c.send(RawHttp.head("GET", "/healthz", null, -1, Map.of("X-Big", "h".repeat(20_000))));
      error(c.read(), 431, "headers_too_large");
    }
  }

  /**
   * A lone surrogate (sent as {@code \ud800}) has no UTF-8 encoding: SQLite and PostgreSQL stored
   * {@code ?} instead, so the policy in the store was not the one compiled and enforced. NUL cannot
   * be stored in PostgreSQL text at all. Both are refused anywhere in the source, comments too.
   */
  @Test
  void aPolicySourceThatCannotBeStoredAsSentIsRefused() {
    int versions = s.get("/v1/policy", s.admin).json().get("versions").size();
    for (String odd : new String[] {"\\ud800", "\\udfff", "\\udc00\\ud800", "\\u0000"}) {
      String source =
          TestServer.JSON.createObjectNode().put("source", TestServer.source()).toString();
      String body = source.substring(0, source.length() - 2) + "\\n# comment " + odd + "\"}";
      RawHttp.Response r =
          RawHttp.exchange(s.server.port(), "PUT", "/v1/policy", s.admin, utf8(body));
      JsonNode e = error(r, 422, "invalid_policy");
      assertThat(e.toString()).contains("P103").contains("policy:33:");
      // the answer quotes the line: as an escape, since a lone surrogate has no UTF-8 encoding
      assertThat(r.body()).doesNotContain("\ufffd").doesNotContain("?\\n");
    }
    assertThat(s.get("/v1/policy", s.admin).json().get("versions")).hasSize(versions);
    // a well-formed pair (an emoji) in a comment is fine
    String ok =
        TestServer.JSON
            .createObjectNode()
            .put("source", TestServer.source() + "\n# \ud83d\ude00\n")
            .put("validate_only", true)
            .toString();
    assertThat(RawHttp.exchange(s.server.port(), "PUT", "/v1/policy", s.admin, utf8(ok)).status())
        .isEqualTo(200);
  }

  /** An attribute sent as {@code "\ud800"} was accepted and read back as {@code "?"}. */
  @Test
  void anAttributeThatCannotBeStoredAsSentIsRefused() {
    EntityRef larry = EntityRef.of("User", "larry");
    var before = s.warden.store().attributes(larry);
    for (String odd : new String[] {"\\ud800", "a\\udfff", "\\udc00\\ud800"}) {
      byte[] body = utf8("{\"attributes\":{\"department\":\"" + odd + "\"}}");
      RawHttp.Response r =
          RawHttp.exchange(s.server.port(), "PUT", "/v1/entities/User/larry", s.writer, body);
      assertThat(error(r, 422, "invalid_grant").get("message").asText()).contains("surrogate");
    }
    assertThat(s.warden.store().attributes(larry)).isEqualTo(before);
  }

  /** A consistency timeout is a 503 like the others: it tells the client when to retry. */
  @Test
  void everyServiceUnavailableAnswerCarriesRetryAfter() {
    String check =
        TestServer.check("User:larry", "read", "Repository:gmail")
            .replaceFirst("}$", ",\"consistency\":{\"at_least\":999999}}");
    RawHttp.Response r = post("/v1/check", s.checker, utf8(check));
    error(r, 503, "consistency_timeout");
    assertThat(r.headers()).containsEntry("retry-after", "1");
  }
}
