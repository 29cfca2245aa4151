package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@code store: postgres} against the real PostgreSQL on 127.0.0.1:5432, in a database of its own
 * (created and dropped here, so other tests' schemas are never touched): grants and audit entries
 * survive a restart.
 */
class PostgresServerTest {

  private static final String ADMIN_URL =
      System.getProperty(
          "warden.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private String database;

  @BeforeEach
  void create() throws SQLException {
    database =
        "warden_srv_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
  }

  @AfterEach
  void drop() throws SQLException {
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
  }

  private ServerConfig config() {
    return ServerConfig.builder()
        .port(0)
        .store("postgres")
        .db("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres")
        .build();
  }

  @Test
  void grantsAndAuditEntriesSurviveARestart() {
    String decisionId;
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      TestServer.Res w =
          s.post(
              "/v1/relationships/write",
              s.writer,
              "{\"updates\":[{\"operation\":\"create\",\"grant\":\"Repository:pg1#admin@User:zoe\"}]}");
      assertThat(w.status()).as(w.text()).isEqualTo(200);
      decisionId =
          s.post("/v1/check", s.checker, TestServer.check("User:zoe", "delete", "Repository:pg1"))
              .json()
              .get("decision_id")
              .asText();
    }
    Backend again = TestServer.backend(config());
    assertThat(again.seeded()).isFalse();
    assertThat(again.policyFromStore()).isTrue();
    try (TestServer s = new TestServer(config(), again)) {
      TestServer.Res r =
          s.post("/v1/check", s.checker, TestServer.check("User:zoe", "delete", "Repository:pg1"));
      assertThat(r.json().get("allowed").asBoolean()).isTrue();
      var entries =
          await()
              .atMost(Duration.ofSeconds(10))
              .until(
                  () -> s.get("/v1/audit?actor=User:zoe", s.admin).json().get("entries"),
                  e -> e.size() >= 2);
      assertThat(entries.get(1).get("decision_id").asText()).isEqualTo(decisionId);
      assertThat(s.get("/v1/audit/verify", s.admin).json().get("intact").asBoolean()).isTrue();
    }
  }

  private Map<String, String> auditTableSchemas() throws SQLException {
    Map<String, String> where = new TreeMap<>();
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "SELECT table_name, table_schema FROM information_schema.tables"
                    + " WHERE table_name LIKE 'warden\\_audit\\_%'")) {
      while (rs.next()) {
        where.put(rs.getString(1), rs.getString(2));
      }
    }
    return where;
  }

  @Test
  void theAuditTablesLiveInTheStoresSchema() throws SQLException {
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      assertThat(
              s.post("/v1/check", s.checker, TestServer.check("User:zoe", "read", "Repository:x"))
                  .status())
          .isEqualTo(200);
    }
    Map<String, String> schemas = auditTableSchemas();
    assertThat(schemas)
        .containsKeys("warden_audit_head", "warden_audit_block", "warden_audit_schema_history");
    assertThat(schemas.values()).containsOnly(PostgresStoreSchema());
  }

  private static String PostgresStoreSchema() {
    return dev.warden.store.postgres.PostgresStore.DEFAULT_SCHEMA;
  }

  @Test
  void anAuditLogLeftInPublicByAnEarlierVersionIsMovedWithItsChainIntact() throws Exception {
    String id;
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      id =
          s.post("/v1/check", s.checker, TestServer.check("User:zoe", "read", "Repository:x"))
              .json()
              .get("decision_id")
              .asText();
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> s.get("/v1/audit", s.admin).text().contains(id));
    }
    // Lay it out as earlier servers did: the audit tables in the connection's default schema.
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres");
        Statement st = c.createStatement()) {
      for (Map.Entry<String, String> t : auditTableSchemas().entrySet()) {
        if (!t.getValue().equals("public")) {
          st.execute("ALTER TABLE " + t.getValue() + "." + t.getKey() + " SET SCHEMA public");
        }
      }
    }
    assertThat(auditTableSchemas().values()).containsOnly("public");
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      assertThat(s.get("/v1/audit", s.admin).text()).contains(id);
      assertThat(s.get("/v1/audit/verify", s.admin).json().get("intact").asBoolean()).isTrue();
    }
    assertThat(auditTableSchemas().values()).containsOnly(PostgresStoreSchema());
  }
}
