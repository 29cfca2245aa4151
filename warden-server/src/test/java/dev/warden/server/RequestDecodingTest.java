package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.EntityRef;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Paths and query strings are decoded strictly: malformed percent-encoding or bytes that are not
 * UTF-8 are a 400 in the documented shape, a {@code +} in a path segment is a literal plus (RFC
 * 3986), and an instant outside the audit log's range is refused rather than failing the store.
 */
class RequestDecodingTest {

  @TempDir Path dir;

  private static final byte[] ATTRS =
      "{\"attributes\":{\"is_public\":true}}".getBytes(StandardCharsets.UTF_8);

  private static void assertError(RawHttp.Response r, int status, String code) {
    assertThat(r.status()).as(r.body()).isEqualTo(status);
    JsonNode e = r.json().get("error");
    assertThat(e.get("code").asText()).isEqualTo(code);
    assertThat(e.get("message").asText()).isNotBlank();
    assertThat(e.get("details").isArray()).isTrue();
  }

  @Test
  void malformedPercentEncodingInAPathIsA400AndStoresNothing() {
    try (TestServer s = new TestServer()) {
      long revision = s.warden.revision();
      for (String id : new String[] {"%zz", "a%", "a%4", "%E0%A4", "%C0%AF", "%ED%A0%80"}) {
        RawHttp.Response r =
            RawHttp.exchange(
                s.server.port(), "PUT", "/v1/entities/Repository/" + id, s.writer, ATTRS);
        assertError(r, 400, "malformed_path");
        assertThat(r.json().get("error").get("message").asText()).contains("percent");
      }
      assertThat(s.warden.revision()).isEqualTo(revision);
    }
  }

  @Test
  void aPlusInAPathIdIsAPlusAndPercentEncodingRoundTrips() {
    try (TestServer s = new TestServer()) {
      RawHttp.Response r =
          RawHttp.exchange(s.server.port(), "PUT", "/v1/entities/Repository/a+b", s.writer, ATTRS);
      assertThat(r.status()).as(r.body()).isEqualTo(200);
      assertThat(s.warden.store().attributes(EntityRef.of("Repository", "a+b")))
          .containsEntry("is_public", true);
      RawHttp.Response slash =
          RawHttp.exchange(
              s.server.port(), "PUT", "/v1/entities/Repository/x%2By%2Fz%C3%A9", s.writer, ATTRS);
      assertThat(slash.status()).as(slash.body()).isEqualTo(200);
      assertThat(s.warden.store().attributes(EntityRef.of("Repository", "x+y/zé")))
          .containsEntry("is_public", true);
    }
  }

  @Test
  void malformedQueryStringsAndExtremeInstantsOnTheAuditLogAre4xx() {
    ServerConfig config =
        ServerConfig.builder().port(0).store("sqlite").db(dir.resolve("w.db").toString()).build();
    try (TestServer s = new TestServer(config, TestServer.backend(config))) {
      int port = s.server.port();
      byte[] none = new byte[0];
      for (String q : new String[] {"actor=%E0%A4", "actor=%zz", "%zz=1", "actor=User:%"}) {
        assertError(
            RawHttp.exchange(port, "GET", "/v1/audit?" + q, s.admin, none), 400, "malformed_query");
      }
      for (String q :
          new String[] {
            "from=-999999999-01-01T00:00:00Z",
            "to=%2B999999999-12-31T23:59:59Z",
            "from=-1000000000-01-01T00:00:00Z",
            "to=%2B10000-01-01T00:00:00Z"
          }) {
        RawHttp.Response r = RawHttp.exchange(port, "GET", "/v1/audit?" + q, s.admin, none);
        assertError(r, 422, "invalid_request");
        assertThat(r.json().get("error").get("message").asText()).contains("between");
      }
      RawHttp.Response ok =
          RawHttp.exchange(
              port, "GET", "/v1/audit?from=2026-01-01T00:00:00Z&actor=User:a%2Bb", s.admin, none);
      assertThat(ok.status()).as(ok.body()).isEqualTo(200);
      assertThat(ok.json().get("entries").isArray()).isTrue();
    }
  }
}
