package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class CheckEndpointTest {

  static TestServer s;

  @BeforeAll
  static void start() {
    s = new TestServer();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void allowsAGrantedActionWithTheRevision() {
    TestServer.Res r =
        s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("allowed").asBoolean()).isTrue();
    assertThat(r.json().get("revision").asLong()).isEqualTo(s.warden.revision());
    assertThat(r.json().has("decision_id")).isTrue();
  }

  @Test
  void deniesWhatNoGrantAllows() {
    TestServer.Res r =
        s.post("/v1/check", s.checker, TestServer.check("User:graham", "delete", "Repository:oso"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("allowed").asBoolean()).isFalse();
  }

  @Test
  void healthNeedsNoKey() {
    assertThat(s.get("/healthz", null).json().get("status").asText()).isEqualTo("ok");
    assertThat(s.get("/readyz", null).status()).isEqualTo(200);
  }
}
