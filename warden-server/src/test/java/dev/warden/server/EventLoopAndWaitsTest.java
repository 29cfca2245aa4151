package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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
        ServerConfig.builder().port(0).consistencyTimeout(Duration.ofSeconds(6)).build();
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
        ServerConfig.builder()
            .port(0)
            .consistencyTimeout(Duration.ofSeconds(3))
            .limits(HttpLimits.defaults().withMaxConsistencyWaits(4))
            .build();
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

  /**
   * Where a check is answered is decided from its decoded request, not its bytes: the text
   * "at_least" in a value waits for nothing and is answered on the event loop, even while the one
   * wait slot is taken; an {@code at_least} already reached is answered there too; one the engine
   * has not reached waits on the consistency-wait pool, and past the bound is 503.
   */
  @Test
  void onlyADecodedAtLeastTheEngineHasNotReachedWaitsOnThePool() throws Exception {
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    dev.warden.api.DecisionLog byThread =
        e -> threads.add(e.resource().id() + " " + Thread.currentThread().getName());
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .consistencyTimeout(Duration.ofSeconds(6))
            .limits(HttpLimits.defaults().withMaxConsistencyWaits(1))
            .build();
    try (TestServer s = new TestServer(config, byThread)) {
      long next = s.warden.revision() + 1;
      CompletableFuture<HttpResponse<String>> waiting =
          s.http.sendAsync(
              s.request("/v1/check", s.checker)
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          TestServer.check("User:zoe", "delete", "Repository:w2")
                              .replace("}}", "},\"consistency\":{\"at_least\":" + next + "}}")))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(5)).until(() -> s.server.inFlight() >= 1);
      // the one slot is taken: a second real wait is refused at once
      TestServer.Res busy = s.post("/v1/check", s.checker, FAR_AHEAD);
      assertThat(busy.status()).as(busy.text()).isEqualTo(503);
      assertThat(busy.text()).contains("consistency_busy");
      // the text alone does not wait, nor take the slot
      String text =
          "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\","
              + "\"resource\":{\"type\":\"Repository\",\"id\":\"at_least\"},"
              + "\"context\":{\"at_least\":\"at_least\"}}";
      TestServer.Res loop = s.post("/v1/check", s.checker, text);
      assertThat(loop.status()).as(loop.text()).isEqualTo(200);
      String reached =
          TestServer.check("User:larry", "read", "Repository:gmail")
              .replace("}}", "},\"consistency\":{\"at_least\":" + (next - 1) + "}}");
      TestServer.Res now = s.post("/v1/check", s.checker, reached);
      assertThat(now.status()).as(now.text()).isEqualTo(200);
      assertThat(now.json().get("allowed").asBoolean()).isTrue();
      // the write the wait is waiting for
      TestServer.Res w =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:w2#admin@User:zoe\"}]}");
      assertThat(w.status()).as(w.text()).isEqualTo(200);
      HttpResponse<String> waited = waiting.get();
      assertThat(waited.statusCode()).as(waited.body()).isEqualTo(200);
      assertThat(waited.body()).contains("\"allowed\":true");
      assertThat(threads).anyMatch(t -> t.startsWith("at_least vert.x-eventloop-thread"));
      assertThat(threads).anyMatch(t -> t.startsWith("gmail vert.x-eventloop-thread"));
      assertThat(threads).anyMatch(t -> t.startsWith("w2 warden-consistency-wait"));
    }
  }

  /** A check whose body is over 16 KiB: 100 contextual grants with long subject ids. */
  private static String largeCheck(String resourceId, int grants) {
    StringBuilder b =
        new StringBuilder(
            "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\","
                + "\"resource\":{\"type\":\"Repository\",\"id\":\""
                + resourceId
                + "\"},\"contextual_grants\":[");
    String pad = "x".repeat(180);
    for (int i = 0; i < grants; i++) {
      b.append(i == 0 ? "" : ",")
          .append("\"Repository:")
          .append(resourceId)
          .append("#contributor@User:u")
          .append(i)
          .append(pad)
          .append('"');
    }
    return b.append("]}").toString();
  }

  @Test
  void aLargeCheckIsAnsweredOnAWorkerSoASmallCheckStaysPrompt() throws Exception {
    // the decision log stands in for a large check that is slow to answer: it takes 3 s for the
    // large one, on whichever thread answers it
    List<String> threads = Collections.synchronizedList(new ArrayList<>());
    dev.warden.api.DecisionLog slowForLarge =
        e -> {
          threads.add(e.resource().id() + " " + Thread.currentThread().getName());
          if (e.resource().id().equals("big")) {
            try {
              Thread.sleep(3000);
            } catch (InterruptedException x) {
              Thread.currentThread().interrupt();
            }
          }
        };
    ServerConfig config = ServerConfig.builder().port(0).eventLoops(1).build();
    try (TestServer s = new TestServer(config, slowForLarge)) {
      String large = largeCheck("big", 100);
      assertThat(large.length()).isGreaterThan(WardenServer.LARGE_BODY_BYTES);
      CompletableFuture<HttpResponse<String>> pending =
          s.http.sendAsync(
              s.request("/v1/check", s.checker)
                  .POST(HttpRequest.BodyPublishers.ofString(large))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      await().atMost(Duration.ofSeconds(5)).until(() -> !threads.isEmpty());
      long t0 = System.nanoTime();
      HttpResponse<String> small =
          java.net.http.HttpClient.newHttpClient()
              .send(
                  s.request("/v1/check", s.checker)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              TestServer.check("User:larry", "read", "Repository:gmail")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      long millis = (System.nanoTime() - t0) / 1_000_000;
      assertThat(small.statusCode()).as(small.body()).isEqualTo(200);
      assertThat(millis).as("a small check while the large one is answered").isLessThan(1500);
      assertThat(pending.isDone()).as("the large check is still being answered").isFalse();
      HttpResponse<String> big = pending.get();
      assertThat(big.statusCode()).as(big.body()).isEqualTo(200);
      assertThat(threads).anyMatch(t -> t.startsWith("big vert.x-worker-thread"));
      assertThat(threads).anyMatch(t -> t.startsWith("gmail vert.x-eventloop-thread"));
    }
  }

  @Test
  void contextualGrantsAreBoundedPerCheckAndPerBulkRequestWith422NamingThePath() {
    try (TestServer s = new TestServer()) {
      TestServer.Res one = s.post("/v1/check", s.checker, largeCheck("r1", 101));
      assertThat(one.status()).as(one.text()).isEqualTo(422);
      assertThat(one.json().get("error").get("message").asText())
          .contains("`contextual_grants` holds 101 grants; at most 100");
      assertThat(s.post("/v1/check", s.checker, largeCheck("r1", 100)).status()).isEqualTo(200);
      TestServer.Res item =
          s.post(
              "/v1/check/bulk",
              s.checker,
              "{\"checks\":[" + largeCheck("r1", 1) + "," + largeCheck("r2", 101) + "]}");
      assertThat(item.status()).as(item.text()).isEqualTo(422);
      assertThat(item.json().get("error").get("message").asText())
          .contains("`checks[1].contextual_grants` holds 101 grants; at most 100");
      StringBuilder many = new StringBuilder("{\"checks\":[");
      for (int i = 0; i < 11; i++) {
        many.append(i == 0 ? "" : ",").append(largeCheck("r" + i, 100));
      }
      TestServer.Res all = s.post("/v1/check/bulk", s.checker, many.append("]}").toString());
      assertThat(all.status()).as(all.text()).isEqualTo(422);
      assertThat(all.json().get("error").get("message").asText())
          .contains("`checks` hold more than 1000 contextual grants in all (by `checks[10]`)");
      TestServer.Res lookup =
          s.post(
              "/v1/lookup/resources",
              s.checker,
              largeCheck("r1", 101)
                  .replace(
                      "\"resource\":{\"type\":\"Repository\",\"id\":\"r1\"}",
                      "\"resource_type\":\"Repository\""));
      assertThat(lookup.status()).as(lookup.text()).isEqualTo(422);
      assertThat(lookup.text()).contains("`contextual_grants` holds 101 grants");
    }
  }
}
