package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.warden.server.http.ErrorMapper;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real database failure (a table renamed under a running server, through JDBC, on a SQLite file
 * and on the real PostgreSQL) reaches the client as a generic message with an error id, and the
 * server log as the database's own text with the same id.
 */
class StoreErrorTextTest {

  private static final Pattern ERROR_ID = Pattern.compile("error id ([0-9a-z-]+)");

  @TempDir Path dir;

  private final List<LogRecord> logged = new ArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord r) {
          synchronized (logged) {
            logged.add(r);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };
  private final Logger log = Logger.getLogger(ErrorMapper.class.getName());

  @BeforeEach
  void listen() {
    log.addHandler(capture);
  }

  @AfterEach
  void stopListening() {
    log.removeHandler(capture);
  }

  private ServerConfig config() {
    return ServerConfig.builder().port(0).store("sqlite").db(db().toString()).build();
  }

  private Path db() {
    return dir.resolve("warden.db");
  }

  @Test
  void aStoreFailureAnswersAGenericMessageAndLogsTheDatabaseText() throws SQLException {
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      rename("warden_grants", "warden_grants_gone");
      TestServer.Res r = s.post("/v1/relationships/read", s.writer, "{}");
      assertThat(r.status()).as(r.text()).isEqualTo(503);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("unavailable");
      String id = assertGeneric(r);
      assertLogged(id, "warden_grants");
    }
  }

  @Test
  void anAuditStoreFailureAnswersAGenericMessageAndLogsTheDatabaseText() throws SQLException {
    try (TestServer s = new TestServer(config(), TestServer.backend(config()))) {
      s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
      await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> s.get("/v1/audit", s.admin).json().get("entries").size() >= 1);
      rename("warden_audit_block", "warden_audit_block_gone");
      TestServer.Res r = s.get("/v1/audit", s.admin);
      assertThat(r.status()).as(r.text()).isEqualTo(503);
      String id = assertGeneric(r);
      assertLogged(id, "warden_audit_block");
      rename("warden_audit_block_gone", "warden_audit_block"); // lets close() flush the log
    }
  }

  /** The body names no table, file, SQL or driver; returns the error id it carries. */
  private String assertGeneric(TestServer.Res r) {
    String body = r.text();
    assertThat(body.toLowerCase(java.util.Locale.ROOT))
        .doesNotContain("sql")
        .doesNotContain("jdbc")
        .doesNotContain("warden_")
        .doesNotContain("no such table")
        .doesNotContain(dir.toString().toLowerCase(java.util.Locale.ROOT));
    Matcher m = ERROR_ID.matcher(r.json().at("/error/message").asText());
    assertThat(m.find()).as(body).isTrue();
    return m.group(1);
  }

  /** The log has one record with the id and the database's own text. */
  private void assertLogged(String id, String table) {
    List<String> lines = new ArrayList<>();
    synchronized (logged) {
      for (LogRecord rec : logged) {
        String text =
            rec.getMessage() + (rec.getThrown() == null ? "" : " " + rec.getThrown().getMessage());
        lines.add(text);
      }
    }
    assertThat(lines)
        .as("the log")
        .anySatisfy(l -> assertThat(l).contains(id).contains(table).containsIgnoringCase("SQL"));
  }

  @Test
  void aPostgresFailureAnswersAGenericMessageAndLogsTheDatabaseText() throws SQLException {
    String admin =
        System.getProperty(
            "warden.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
    String database = "warden_err_" + java.util.UUID.randomUUID().toString().replace("-", "");
    String url = "jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres";
    try (Connection c = DriverManager.getConnection(admin);
        Statement st = c.createStatement()) {
      st.execute("CREATE DATABASE " + database);
    }
    try {
      ServerConfig config = ServerConfig.builder().port(0).store("postgres").db(url).build();
      try (TestServer s = new TestServer(config, TestServer.backend(config))) {
        try (Connection c = DriverManager.getConnection(url);
            Statement st = c.createStatement()) {
          st.execute("ALTER TABLE warden.warden_grants RENAME TO warden_grants_gone");
        }
        TestServer.Res r = s.post("/v1/relationships/read", s.writer, "{}");
        assertThat(r.status()).as(r.text()).isEqualTo(503);
        String id = assertGeneric(r);
        assertLogged(id, "warden_grants");
      }
    } finally {
      try (Connection c = DriverManager.getConnection(admin);
          Statement st = c.createStatement()) {
        st.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  private void rename(String from, String to) throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db());
        Statement st = c.createStatement()) {
      st.execute("PRAGMA busy_timeout = 10000");
      st.execute("ALTER TABLE " + from + " RENAME TO " + to);
    }
  }
}
