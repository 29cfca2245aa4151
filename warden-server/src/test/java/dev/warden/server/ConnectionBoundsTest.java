package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Over real sockets: {@code Expect: 100-continue} is answered once the route, the declared length
 * and the key pass, and refused without a 100 otherwise; open connections are bounded by {@code
 * max_connections}, the one past the bound closed at once.
 */
class ConnectionBoundsTest {

  private static final byte[] CHECK =
      TestServer.check("User:larry", "read", "Repository:gmail").getBytes(StandardCharsets.UTF_8);

  private static Map<String, String> expect(String what) {
    return Map.of("Expect", what, "Content-Type", "application/json");
  }

  @Test
  void expectContinueIsAnsweredThenTheBodyIsRead() {
    try (TestServer s = new TestServer();
        RawHttp c = new RawHttp(s.server.port(), 3000)) {
      for (int round = 0; round < 2; round++) { // twice on one connection: it stays usable
        c.send(RawHttp.head("POST", "/v1/check", s.checker, CHECK.length, expect("100-continue")));
        assertThat(c.read().status()).isEqualTo(100);
        c.send(CHECK);
        RawHttp.Response r = c.read();
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().get("allowed").asBoolean()).isTrue();
      }
    }
  }

  @Test
  void expectContinueIsRefusedWithoutA100WhenTheRequestCannotSucceed() {
    ServerConfig config = ServerConfig.builder().port(0).bodyLimitBytes(4096).build();
    try (TestServer s = new TestServer(config, dev.warden.api.DecisionLog.NONE)) {
      int port = s.server.port();
      record Case(String key, long length, String expect, int status, String code) {}
      List<Case> cases =
          List.of(
              new Case(s.checker, 5000, "100-continue", 413, "body_too_large"),
              new Case(null, CHECK.length, "100-continue", 401, "unauthenticated"),
              new Case(s.writer, CHECK.length, "100-continue", 403, "forbidden"),
              new Case(s.checker, CHECK.length, "something-else", 417, "expectation_failed"));
      for (Case k : cases) {
        try (RawHttp c = new RawHttp(port, 3000)) {
          c.send(RawHttp.head("POST", "/v1/check", k.key(), k.length(), expect(k.expect())));
          RawHttp.Response r = c.read();
          assertThat(r.status()).as(k + " " + r.body()).isEqualTo(k.status());
          assertThat(r.json().get("error").get("code").asText()).isEqualTo(k.code());
          // the body was never sent: the server does not wait for it on this connection
          assertThat(c.closedByServer()).as(k.toString()).isTrue();
        }
      }
    }
  }

  @Test
  void connectionsPastTheLimitAreClosedAtOnce() {
    ServerConfig config =
        ServerConfig.builder().port(0).limits(HttpLimits.defaults().withMaxConnections(3)).build();
    try (TestServer s = new TestServer(config, dev.warden.api.DecisionLog.NONE)) {
      int port = s.server.port();
      List<RawHttp> open = new ArrayList<>();
      try {
        for (int i = 0; i < 3; i++) {
          RawHttp c = new RawHttp(port, 3000);
          open.add(c);
          c.send(RawHttp.head("GET", "/healthz", null, -1, Map.of()));
          assertThat(c.read().status()).isEqualTo(200);
        }
        try (RawHttp extra = new RawHttp(port, 3000)) {
          extra.send(RawHttp.head("GET", "/healthz", null, -1, Map.of()));
          assertThat(extra.closedByServer()).isTrue();
        }
        // the admitted ones are still served
        for (RawHttp c : open) {
          c.send(RawHttp.head("GET", "/healthz", null, -1, Map.of()));
          assertThat(c.read().status()).isEqualTo(200);
        }
        open.remove(0).close();
        await()
            .atMost(Duration.ofSeconds(5))
            .until(
                () -> {
                  try (RawHttp again = new RawHttp(port, 1000)) {
                    again.send(RawHttp.head("GET", "/healthz", null, -1, Map.of()));
                    return again.read().status() == 200;
                  } catch (RuntimeException e) {
                    return false;
                  }
                });
        String metrics = s.get("/metrics", null).text();
        assertThat(metrics).contains("warden_http_connections_refused_total");
      } finally {
        open.forEach(RawHttp::close);
      }
    }
  }
}
