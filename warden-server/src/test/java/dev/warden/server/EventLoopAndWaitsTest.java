package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * What one client can make the server wait on: {@code at_least} waits run on a bounded pool of
 * their own, so writes keep their workers, and the one past {@code max_consistency_waits} is 503
 * with {@code Retry-After}; a large check is answered off the event loop, so small checks on other
 * connections stay prompt.
 */
class EventLoopAndWaitsTest {

  private static final String FAR_AHEAD =
      "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\","
          + "\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\"},"
          + "\"consistency\":{\"at_least\":1000000000}}";

  private static List<CompletableFuture<HttpResponse<String>>> waits(TestServer s, int n) {
    List<CompletableFuture<HttpResponse<String>>> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(
          s.http.sendAsync(
              s.request("/v1/check", s.checker)
                  .POST(HttpRequest.BodyPublishers.ofString(FAR_AHEAD))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }
    return out;
  }

  @Test
  void aWriteCompletesPromptlyWhileManyAtLeastWaitsAreOutstanding() {
    ServerConfig config =
        ServerConfig.defaults().withPort(0).withConsistencyTimeout(Duration.ofSeconds(6));
    try (TestServer s = new TestServer(config, dev.warden.api.DecisionLog.NONE)) {
      var pending = waits(s, 40);
      await().atMost(Duration.ofSeconds(5)).until(() -> s.server.inFlight() >= 40);
      long t0 = System.nanoTime();
      TestServer.Res w =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:w1#admin@User:zoe\"}]}");
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(w.status()).as(w.text()).isEqualTo(200);
      assertThat(millis).as("write latency with 40 waits outstanding").isLessThan(2000);
      assertThat(
              s.post(
                      "/v1/check",
                      s.checker,
                      TestServer.check("User:zoe", "delete", "Repository:w1"))
                  .json()
                  .get("allowed")
                  .asBoolean())
          .isTrue();
      pending.forEach(CompletableFuture::join);
    }
  }

  @Test
  void atLeastWaitsPastTheBoundAre503WithRetryAfter() {
    ServerConfig config =
        ServerConfig.defaults()
            .withPort(0)
            .withConsistencyTimeout(Duration.ofSeconds(3))
            .withLimits(HttpLimits.defaults().withMaxConsistencyWaits(4));
    try (TestServer s = new TestServer(config, dev.warden.api.DecisionLog.NONE)) {
      int busy = 0;
      int timedOut = 0;
      for (var f : waits(s, 10)) {
        HttpResponse<String> r = f.join();
        assertThat(r.statusCode()).isEqualTo(503);
        String code = r.body().replaceAll(".*\"code\":\"([a-z_]+)\".*", "$1");
        if (code.equals("consistency_busy")) {
          busy++;
          assertThat(r.headers().firstValue("Retry-After")).hasValue("1");
        } else {
          assertThat(code).isEqualTo("consistency_timeout");
          timedOut++;
        }
      }
      assertThat(timedOut).isEqualTo(4);
      assertThat(busy).isEqualTo(6);
    }
  }
}
