package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The change stream: server-sent events with the revision as id, resumable by Last-Event-ID. */
class WatchTest {

  static TestServer s;

  @BeforeAll
  static void start() {
    s = new TestServer();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private Iterator<String> open(String query, String lastEventId) throws Exception {
    var b = s.request("/v1/watch" + query, s.admin).header("Accept", "text/event-stream").GET();
    if (lastEventId != null) {
      b.header("Last-Event-ID", lastEventId);
    }
    HttpResponse<Stream<String>> r =
        s.http.sendAsync(b.build(), HttpResponse.BodyHandlers.ofLines()).get(10, TimeUnit.SECONDS);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).contains("text/event-stream");
    return r.body().iterator();
  }

  private static String nextEvent(Iterator<String> lines, String idPrefix) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline && lines.hasNext()) {
      String line = lines.next();
      if (line.startsWith("id: " + idPrefix)) {
        assertThat(lines.next()).isEqualTo("event: changes");
        return lines.next();
      }
    }
    throw new AssertionError("no event with id " + idPrefix);
  }

  @Test
  void streamsNewWritesAndResumesAfterLastEventId() throws Exception {
    Iterator<String> live = open("", null);
    long rev =
        s.post(
                "/v1/relationships/write",
                s.writer,
                "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:watched#admin@User:wanda\"}]}")
            .json()
            .get("revision")
            .asLong();
    String data = nextEvent(live, Long.toString(rev));
    assertThat(data).startsWith("data: ").contains("\"grant_written\"").contains("wanda");
    Iterator<String> resumed = open("", Long.toString(rev - 1));
    assertThat(nextEvent(resumed, Long.toString(rev))).contains("wanda");
    Iterator<String> fromQuery = open("?after=" + (rev - 1), null);
    assertThat(nextEvent(fromQuery, Long.toString(rev))).contains("wanda");
  }

  @Test
  void aPolicyActivationInTheStoreIsAnEventOfItsOwn() throws Exception {
    Iterator<String> live = open("", null);
    // The same source again: the server keeps enforcing what it did, at a new revision.
    var version =
        dev.warden.store.PolicyStore.of(s.warden.store()).savePolicy(TestServer.source(), true);
    long rev = s.warden.revision();
    String data = nextEvent(live, Long.toString(rev));
    assertThat(data)
        .isEqualTo(
            "data: {\"revision\":"
                + rev
                + ",\"changes\":[{\"type\":\"policy_activated\",\"revision\":"
                + rev
                + ",\"version\":"
                + version.version()
                + "}]}");
    assertThat(s.warden.policyVersion()).isEqualTo(version.version());
  }

  @Test
  void aBadStartingPointIs422AndWatchNeedsAdmin() {
    assertThat(s.get("/v1/watch?after=abc", s.admin).status()).isEqualTo(422);
    assertThat(s.get("/v1/watch", s.checker).status()).isEqualTo(403);
  }
}
