package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code audit_durable}: an answer leaves the server only once its decision's audit record is
 * committed, so every answered decision is in the log the moment the client has the answer (read
 * back at once, no waiting); held answers wait without blocking the event loop.
 */
class AuditDurableTest {

  @TempDir Path dir;

  private ServerConfig config() {
    return ServerConfig.builder()
        .port(0)
        .store("sqlite")
        .db(dir.resolve("warden.db").toString())
        .audit(true)
        .auditDurable(true)
        .build();
  }

  @Test
  void everyAnsweredDecisionIsInTheLogRightAfterItsAnswer() throws Exception {
    ServerConfig config = config().toBuilder().eventLoops(2).build();
    Backend backend = TestServer.backend(config);
    assertThat(backend.audit().orElseThrow().durable()).isTrue();
    try (TestServer s = new TestServer(config, backend)) {
      AuditStore store = backend.audit().orElseThrow().store();
      ExecutorService clients = Executors.newFixedThreadPool(4);
      try {
        List<Future<Integer>> runs = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
          runs.add(
              clients.submit(
                  () -> {
                    int checked = 0;
                    for (int i = 0; i < 15; i++) {
                      TestServer.Res r =
                          s.post(
                              "/v1/check",
                              s.checker,
                              TestServer.check("User:larry", "read", "Repository:gmail"));
                      assertThat(r.status()).as(r.text()).isEqualTo(200);
                      String id = r.json().get("decision_id").asText();
                      assertThat(AuditBackPressureTest.recordedIds(store)).contains(id);
                      checked++;
                    }
                    return checked;
                  }));
        }
        for (Future<Integer> f : runs) {
          assertThat(f.get()).isEqualTo(15);
        }
      } finally {
        clients.shutdownNow();
      }
      TestServer.Res bulk =
          s.post(
              "/v1/check/bulk",
              s.checker,
              "{\"checks\":["
                  + TestServer.check("User:larry", "read", "Repository:gmail")
                  + ","
                  + TestServer.check("User:anne", "delete", "Repository:react")
                  + "]}");
      assertThat(bulk.status()).as(bulk.text()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      for (JsonNode d : bulk.json().get("results")) {
        ids.add(d.get("decision_id").asText());
      }
      TestServer.Res explain =
          s.post(
              "/v1/explain", s.checker, TestServer.check("User:graham", "read", "Repository:oso"));
      assertThat(explain.status()).as(explain.text()).isEqualTo(200);
      ids.add(explain.json().get("decision_id").asText());
      assertThat(AuditBackPressureTest.recordedIds(store)).hasSize(63).containsAll(ids);
      assertThat(store.verify().intact()).isTrue();
    }
  }

  @Test
  void answersHeldForAStalledCommitDoNotBlockTheEventLoop() throws Exception {
    Path db = dir.resolve("warden.db");
    ServerConfig config = config().toBuilder().eventLoops(1).build();
    Backend backend = TestServer.backend(config);
    try (TestServer s = new TestServer(config, backend)) {
      AuditStore store = backend.audit().orElseThrow().store();
      List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
      try (Connection lock = DriverManager.getConnection("jdbc:sqlite:" + db);
          Statement st = lock.createStatement()) {
        st.execute("BEGIN IMMEDIATE"); // the audit writer cannot commit until ROLLBACK
        for (int i = 0; i < 3; i++) {
          held.add(
              s.http.sendAsync(
                  s.request("/v1/check", s.checker)
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              TestServer.check("User:larry", "read", "Repository:gmail")))
                      .build(),
                  HttpResponse.BodyHandlers.ofString()));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> s.server.inFlight() >= 3);
        long t0 = System.nanoTime();
        HttpResponse<String> health =
            HttpClient.newHttpClient()
                .send(
                    s.request("/healthz", null).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        assertThat(health.statusCode()).isEqualTo(200);
        assertThat((System.nanoTime() - t0) / 1_000_000)
            .as("another connection, while 3 answers wait for a commit")
            .isLessThan(1500);
        Thread.sleep(300);
        assertThat(held).as("no answer before its record is committed").noneMatch(f -> f.isDone());
        st.execute("ROLLBACK");
      }
      for (CompletableFuture<HttpResponse<String>> f : held) {
        HttpResponse<String> r = f.get();
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        String id = TestServer.JSON.readTree(r.body()).get("decision_id").asText();
        assertThat(AuditBackPressureTest.recordedIds(store)).contains(id);
      }
    }
  }
}
