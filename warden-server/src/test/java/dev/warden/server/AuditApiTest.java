package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.server.auth.KeyMaterial;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The audit trail of a server over a real SQLite file: every check and bulk item is recorded with
 * the answer's decision id and the caller's key id, {@code GET /v1/audit} pages through it, {@code
 * GET /v1/audit/verify} finds an entry edited directly in the file, and entries survive a restart.
 */
class AuditApiTest {

  @TempDir Path dir;

  private Path db() {
    return dir.resolve("warden.db");
  }

  private ServerConfig config(boolean audit) {
    return ServerConfig.builder().port(0).store("sqlite").db(db().toString()).audit(audit).build();
  }

  private TestServer start() {
    return new TestServer(config(true), TestServer.backend(config(true)));
  }

  /** The audit entries, waiting until at least {@code n} are committed (the log is async). */
  private static JsonNode entries(TestServer s, String query, int n) {
    return await()
        .atMost(Duration.ofSeconds(10))
        .pollInterval(Duration.ofMillis(20))
        .until(() -> s.get("/v1/audit" + query, s.admin).json().get("entries"), e -> e.size() >= n);
  }

  @Test
  void aCheckIsRecordedWithItsDecisionIdAndKeyIdNeverTheSecret() {
    try (TestServer s = start()) {
      TestServer.Res r =
          s.post(
              "/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
      assertThat(r.status()).isEqualTo(200);
      String id = r.json().get("decision_id").asText(null);
      assertThat(id).isNotBlank();
      JsonNode list = entries(s, "", 1);
      assertThat(list).hasSize(1);
      JsonNode e = list.get(0);
      assertThat(e.get("decision_id").asText()).isEqualTo(id);
      assertThat(e.get("actor").asText()).isEqualTo("User:larry");
      assertThat(e.get("action").asText()).isEqualTo("read");
      assertThat(e.get("resource").asText()).isEqualTo("Repository:gmail");
      assertThat(e.get("allowed").asBoolean()).isTrue();
      assertThat(e.get("key_id").asText()).isEqualTo(KeyMaterial.idOf(s.checker));
      assertThat(e.get("source").asText()).isEqualTo("http");
      assertThat(e.get("policy_version").asText()).isEqualTo("1");
      TestServer.Res page = s.get("/v1/audit", s.admin);
      assertThat(page.text()).doesNotContain(s.checker);
      OpenApiTest.assertValid("AuditPage", page.json());
      TestServer.Res v = s.get("/v1/audit/verify", s.admin);
      assertThat(v.status()).isEqualTo(200);
      assertThat(v.json().get("intact").asBoolean()).isTrue();
      assertThat(v.json().get("checked").asLong()).isEqualTo(1);
      assertThat(v.json().get("first_break").isNull()).isTrue();
      OpenApiTest.assertValid("VerifyReport", v.json());
    }
  }

  @Test
  void everyBulkItemIsRecordedAndFiltersAndCursorsPage() {
    try (TestServer s = start()) {
      TestServer.Res r =
          s.post(
              "/v1/check/bulk",
              s.checker,
              "{\"checks\":["
                  + TestServer.check("User:larry", "read", "Repository:gmail")
                  + ","
                  + TestServer.check("User:anne", "delete", "Repository:react")
                  + ","
                  + TestServer.check("User:graham", "read", "Repository:oso")
                  + "]}");
      assertThat(r.status()).as(r.text()).isEqualTo(200);
      List<String> ids = new ArrayList<>();
      for (JsonNode d : r.json().get("results")) {
        ids.add(d.get("decision_id").asText());
      }
      assertThat(ids).doesNotContainNull().doesNotHaveDuplicates().hasSize(3);
      JsonNode all = entries(s, "", 3);
      List<String> recorded = new ArrayList<>();
      for (JsonNode e : all) {
        recorded.add(e.get("decision_id").asText());
      }
      assertThat(recorded).containsExactlyInAnyOrderElementsOf(ids);
      assertThat(s.get("/v1/audit?allowed=false", s.admin).json().get("entries"))
          .singleElement()
          .satisfies(e -> assertThat(e.get("actor").asText()).isEqualTo("User:anne"));
      assertThat(s.get("/v1/audit?actor=User:graham", s.admin).json().get("entries"))
          .singleElement()
          .satisfies(e -> assertThat(e.get("resource").asText()).isEqualTo("Repository:oso"));
      assertThat(s.get("/v1/audit?resource=Repository:gmail", s.admin).json().get("entries"))
          .hasSize(1);
      assertThat(s.get("/v1/audit?from=2999-01-01T00:00:00Z", s.admin).json().get("entries"))
          .isEmpty();
      assertThat(s.get("/v1/audit?to=2999-01-01T00:00:00Z", s.admin).json().get("entries"))
          .hasSize(3);
      List<Long> seqs = new ArrayList<>();
      String cursor = null;
      do {
        TestServer.Res p =
            s.get("/v1/audit?limit=2" + (cursor == null ? "" : "&cursor=" + cursor), s.admin);
        for (JsonNode e : p.json().get("entries")) {
          seqs.add(e.get("seq").asLong());
        }
        cursor = p.json().get("next_cursor").asText(null);
      } while (cursor != null);
      assertThat(seqs).containsExactly(3L, 2L, 1L);
      assertThat(s.get("/v1/audit?allowed=maybe", s.admin).status()).isEqualTo(422);
      assertThat(s.get("/v1/audit?from=yesterday", s.admin).status()).isEqualTo(422);
      assertThat(s.get("/v1/audit?actor=larry", s.admin).status()).isEqualTo(422);
      assertThat(s.get("/v1/audit?limit=0", s.admin).status()).isEqualTo(422);
      assertThat(s.get("/v1/audit?cursor=not-a-cursor", s.admin).status()).isEqualTo(422);
    }
  }

  @Test
  void anExplanationIsRecordedToo() {
    try (TestServer s = start()) {
      TestServer.Res r =
          s.post(
              "/v1/explain", s.checker, TestServer.check("User:anne", "push", "Repository:react"));
      assertThat(r.status()).isEqualTo(200);
      String id = r.json().get("decision_id").asText(null);
      assertThat(id).isNotBlank();
      assertThat(entries(s, "", 1).get(0).get("decision_id").asText()).isEqualTo(id);
    }
  }

  @Test
  void verifyReportsTheExactEntryEditedInTheFile() throws Exception {
    try (TestServer s = start()) {
      for (int i = 0; i < 5; i++) {
        s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
      }
      entries(s, "", 5);
      assertThat(s.get("/v1/audit/verify", s.admin).json().get("intact").asBoolean()).isTrue();
      editEntryThree(db());
      TestServer.Res v = s.get("/v1/audit/verify", s.admin);
      assertThat(v.status()).isEqualTo(200);
      assertThat(v.json().get("intact").asBoolean()).isFalse();
      assertThat(v.json().at("/first_break/seq").asLong()).isEqualTo(3);
      assertThat(v.json().at("/first_break/kind").asText()).isEqualTo("hash mismatch");
      assertThat(v.json().get("checked").asLong()).isEqualTo(2);
      OpenApiTest.assertValid("VerifyReport", v.json());
    }
  }

  /** Rewrites what entry 3 says in the file, as someone with access to it could. */
  private static void editEntryThree(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        PreparedStatement read =
            c.prepareStatement(
                "SELECT first_seq, entries FROM warden_audit_block"
                    + " WHERE first_seq <= 3 AND last_seq >= 3");
        ResultSet rs = read.executeQuery()) {
      assertThat(rs.next()).isTrue();
      long first = rs.getLong(1);
      String entries = rs.getString(2);
      String line =
          entries.lines().filter(l -> l.startsWith("{\"seq\":3,")).findFirst().orElseThrow();
      String edited = line.replace("\"action\":\"read\"", "\"action\":\"delete\"");
      assertThat(edited).isNotEqualTo(line);
      try (PreparedStatement write =
          c.prepareStatement("UPDATE warden_audit_block SET entries = ? WHERE first_seq = ?")) {
        write.setString(1, entries.replace(line, edited));
        write.setLong(2, first);
        assertThat(write.executeUpdate()).isEqualTo(1);
      }
    }
  }

  @Test
  void onlyAdminKeysReadTheAuditLog() {
    try (TestServer s = start()) {
      for (String path : List.of("/v1/audit", "/v1/audit/verify")) {
        TestServer.Res none = s.get(path, null);
        assertThat(none.status()).as(path).isEqualTo(401);
        assertThat(none.raw().headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
        assertThat(s.get(path, "wk_000000000000_wrong").status()).as(path).isEqualTo(401);
        assertThat(s.get(path, s.checker).status()).as(path).isEqualTo(403);
        assertThat(s.get(path, s.writer).status()).as(path).isEqualTo(403);
        assertThat(s.get(path, s.tenantKey).status()).as(path).isEqualTo(403);
        assertThat(s.get(path, s.admin).status()).as(path).isEqualTo(200);
        assertThat(s.post(path, s.admin, "{}").status()).as(path).isEqualTo(405);
      }
    }
  }

  @Test
  void closingFlushesTheLogAndEntriesSurviveARestart() {
    List<String> ids = new ArrayList<>();
    try (TestServer s = start()) {
      for (int i = 0; i < 20; i++) {
        ids.add(
            s.post(
                    "/v1/check",
                    s.checker,
                    TestServer.check("User:anne", "read", "Repository:react"))
                .json()
                .get("decision_id")
                .asText());
      }
    } // no waiting: close() must commit what was answered
    try (TestServer s = start()) {
      JsonNode all = s.get("/v1/audit?limit=1000", s.admin).json().get("entries");
      List<String> recorded = new ArrayList<>();
      all.forEach(e -> recorded.add(e.get("decision_id").asText()));
      assertThat(recorded).containsExactlyInAnyOrderElementsOf(ids);
      TestServer.Res v = s.get("/v1/audit/verify", s.admin);
      assertThat(v.json().get("intact").asBoolean()).isTrue();
      assertThat(v.json().get("checked").asLong()).isEqualTo(20);
    }
  }

  @Test
  void theAuditCountersAreMetrics() {
    try (TestServer s = start()) {
      s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
      entries(s, "", 1);
      System.gc(); // Micrometer holds meter state weakly: the counters must outlive a collection
      String metrics = s.get("/metrics", null).text();
      assertThat(metrics)
          .contains("warden_audit_appended_total 1.0")
          .contains("warden_audit_dropped_total 0.0")
          .contains("warden_audit_queue_depth 0.0");
    }
  }

  @Test
  void withAuditOffNothingIsRecordedAndTheEndpointsSaySo() {
    try (TestServer s = new TestServer(config(false), TestServer.backend(config(false)))) {
      TestServer.Res r =
          s.post(
              "/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
      assertThat(r.json().get("decision_id").isNull()).isTrue();
      TestServer.Res a = s.get("/v1/audit", s.admin);
      assertThat(a.status()).isEqualTo(404);
      assertThat(a.json().at("/error/message").asText()).contains("auditing is off");
      assertThat(s.get("/v1/audit/verify", s.admin).status()).isEqualTo(404);
      assertThat(s.get("/metrics", null).text()).doesNotContain("warden_audit_appended");
    }
  }
}
