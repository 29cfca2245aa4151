package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditDatabase;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditPage;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditStore;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A server whose audit database is stalled (another connection holds SQLite's write lock, so the
 * writer cannot commit) and whose audit queue is small: once the queue is full, checks are refused
 * at once with 503 {@code audit_busy} instead of waiting on the event loop, other connections keep
 * being answered promptly, and every decision answered 200 is in the log once the lock is released.
 */
class AuditBackPressureTest {

  @TempDir Path dir;

  /** Far below the old 5 s enqueue wait that held the event loop. */
  private static final long PROMPT_MILLIS = 1500;

  @Test
  void aCheckTheStalledAuditLogCannotTakeIsRefusedAtOnceAndNoneIsAnsweredUnrecorded()
      throws Exception {
    Path db = dir.resolve("warden.db");
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .store("sqlite")
            .db(db.toString())
            .audit(false)
            .eventLoops(1)
            .build(); // one loop: anything blocking it stalls every connection
    Backend plain = TestServer.backend(config);
    ServerAudit audit = ServerAudit.open(AuditDatabase.sqlite(db), 4, false);
    Backend backend =
        new Backend(
            plain.warden(),
            plain.versions(),
            Optional.of(audit),
            plain.policyFromStore(),
            plain.seeded());
    List<String> answered = new ArrayList<>();
    int busy = 0;
    try (TestServer s = new TestServer(config.toBuilder().audit(true).build(), backend)) {
      try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = lock.createStatement()) {
        st.execute("BEGIN IMMEDIATE"); // the audit writer now waits on busy_timeout
        String check = TestServer.check("User:larry", "read", "Repository:gmail");
        TestServer.Res first = s.post("/v1/check", s.checker, check);
        assertThat(first.status()).as(first.text()).isEqualTo(200);
        answered.add(first.json().get("decision_id").asText());
        // past the 50 ms gather time the writer holds that decision and waits for the lock, so
        // the queue of 4 takes exactly the next 4
        Thread.sleep(500);
        for (int i = 0; i < 30; i++) {
          long t0 = System.nanoTime();
          TestServer.Res r = s.post("/v1/check", s.checker, check);
          long millis = (System.nanoTime() - t0) / 1_000_000;
          assertThat(millis).as("check %d took", i).isLessThan(PROMPT_MILLIS);
          if (r.status() == 200) {
            answered.add(r.json().get("decision_id").asText());
          } else {
            assertThat(r.status()).as(r.text()).isEqualTo(503);
            assertThat(r.json().get("error").get("code").asText()).isEqualTo("audit_busy");
            assertThat(r.raw().headers().firstValue("Retry-After")).hasValue("1");
            busy++;
          }
        }
        assertThat(busy).as("checks refused once the queue of 4 was full").isEqualTo(26);
        assertThat(answered).as("the first check and the 4 the queue took").hasSize(5);

        // a burst on the shared client, then one check on a connection of its own
        List<CompletableFuture<HttpResponse<String>>> burst = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
          burst.add(
              s.http.sendAsync(
                  s.request("/v1/check", s.checker)
                      .POST(HttpRequest.BodyPublishers.ofString(check))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        HttpClient other = HttpClient.newHttpClient();
        long t0 = System.nanoTime();
        HttpResponse<String> alone =
            other.send(
                s.request("/v1/check", s.checker)
                    .POST(HttpRequest.BodyPublishers.ofString(check))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat((System.nanoTime() - t0) / 1_000_000)
            .as("a check on another connection")
            .isLessThan(PROMPT_MILLIS);
        assertThat(alone.statusCode()).isIn(200, 503);
        for (CompletableFuture<HttpResponse<String>> f : burst) {
          HttpResponse<String> r = f.join();
          assertThat(r.statusCode()).isIn(200, 503);
          if (r.statusCode() == 200) {
            answered.add(TestServer.JSON.readTree(r.body()).get("decision_id").asText());
          } else {
            busy++;
          }
        }
        if (alone.statusCode() == 200) {
          answered.add(TestServer.JSON.readTree(alone.body()).get("decision_id").asText());
        } else {
          busy++;
        }
        st.execute("ROLLBACK");
      }
      assertThat(audit.log().flush(Duration.ofSeconds(20))).isTrue();
      assertThat(s.get("/metrics", null).text()).contains("warden_audit_busy_total " + busy + ".0");
      assertThat(recordedIds(audit.store())).containsAll(answered);
      assertThat(audit.store().verify().intact()).isTrue();
    }
  }

  /** The decision id of every entry in the log. */
  static Set<String> recordedIds(AuditStore store) {
    Set<String> ids = new HashSet<>();
    AuditQuery q = AuditQuery.builder().limit(AuditQuery.MAX_LIMIT).build();
    while (true) {
      AuditPage page = store.query(q);
      for (AuditEntry e : page.entries()) {
        ids.add(e.event().decisionId());
      }
      if (page.nextCursor().isEmpty()) {
        return ids;
      }
      q = q.after(page.nextCursor().get());
    }
  }
}
