package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import dev.warden.audit.AuditDatabase;
import dev.warden.audit.AuditStore;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditCommandTest {

  static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

  @TempDir Path dir;
  Path db;

  @BeforeEach
  void fiveEntries() {
    db = dir.resolve("audit.db");
    List<DecisionEvent> events = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      events.add(
          new DecisionEvent(
              T0.plusSeconds(60L * i),
              "d" + i,
              EntityRef.of("User", "alice"),
              "read",
              EntityRef.of("Document", "doc" + i),
              null,
              i % 2 == 1,
              i,
              null,
              i % 2 == 1 ? "granted" : "not granted",
              5,
              "key-1",
              "http"));
    }
    try (AuditStore store = AuditStore.open(AuditDatabase.sqlite(db))) {
      store.append(events);
    }
  }

  void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement()) {
      s.executeUpdate(statement);
    }
  }

  /** Cuts the stored log after its first {@code n} entries, summary included, hiding the rest. */
  void keepFirstEntries(int n) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + db);
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT entries, hashes FROM warden_audit_block")) {
      assertThat(rs.next()).isTrue();
      List<String> kept = rs.getString(1).lines().limit(n).toList();
      String hashes = String.join("\n", rs.getString(2).lines().limit(n).toList());
      String last = kept.get(n - 1);
      int time = last.indexOf("\"time_us\":") + "\"time_us\":".length();
      long maxTime = Long.parseLong(last.substring(time, last.indexOf(',', time)));
      try (PreparedStatement p =
          c.prepareStatement(
              "UPDATE warden_audit_block SET entries = ?, hashes = ?, last_seq = ?,"
                  + " max_time_us = ?")) {
        p.setString(1, String.join("\n", kept));
        p.setString(2, hashes);
        p.setLong(3, n);
        p.setLong(4, maxTime);
        assertThat(p.executeUpdate()).isEqualTo(1);
      }
    }
  }

  @Test
  void intactLogVerifiesWithExitZero() {
    CliRun run = CliRun.of("audit", "verify", "--db", db.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out())
        .startsWith("ok: 5 entries verified; head 5 ")
        .matches("(?s).*[0-9a-f]{64}\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void editedEntryExitsOneAndNamesIt() throws Exception {
    // one block holds all five; entry 2 was denied, now claims to be allowed
    sql(
        "UPDATE warden_audit_block SET entries = replace(entries,"
            + " '\"resource\":\"Document:doc2\",\"tenant\":null,\"allowed\":false',"
            + " '\"resource\":\"Document:doc2\",\"tenant\":null,\"allowed\":true')");
    CliRun run = CliRun.of("audit", "verify", "--db", db.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("broken: entry 2: hash mismatch\n");
    assertThat(run.out()).isEmpty();
  }

  @Test
  void truncatedTailExitsOneAndNamesTheFirstMissingEntry() throws Exception {
    keepFirstEntries(3);
    CliRun run = CliRun.of("audit", "verify", "--db", db.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err()).startsWith("broken: entry 4: truncated tail\n");
  }

  @Test
  void verifiesAndExportsALogInPostgres() throws Exception {
    String url = "jdbc:postgresql://127.0.0.1:5432/test";
    String schema = "audit_cli_" + Long.toHexString(System.nanoTime());
    try (AuditStore store =
        AuditStore.open(AuditDatabase.postgres(url, "postgres", null, schema))) {
      store.append(
          List.of(
              new DecisionEvent(
                  T0,
                  "p1",
                  EntityRef.of("User", "bob"),
                  "read",
                  EntityRef.of("Document", "x"),
                  "acme",
                  false,
                  1,
                  "v1",
                  "not granted",
                  3,
                  null,
                  "http")));
      CliRun ok =
          CliRun.of("audit", "verify", "--postgres", url, "--user", "postgres", "--schema", schema);
      assertThat(ok.status()).as(ok.err()).isZero();
      assertThat(ok.out()).startsWith("ok: 1 entry verified; head 1 ");
      CliRun export =
          CliRun.of("audit", "export", "--postgres", url, "--user", "postgres", "--schema", schema);
      assertThat(export.status()).as(export.err()).isZero();
      assertThat(export.out()).startsWith("{\"seq\":1,").contains("\"tenant\":\"acme\"");
      try (Connection c = DriverManager.getConnection(url, "postgres", null);
          Statement s = c.createStatement()) {
        s.executeUpdate(
            "UPDATE "
                + schema
                + ".warden_audit_block SET entries = replace(entries, 'not granted', 'granted')");
      }
      CliRun broken =
          CliRun.of("audit", "verify", "--postgres", url, "--user", "postgres", "--schema", schema);
      assertThat(broken.status()).isEqualTo(1);
      assertThat(broken.err()).startsWith("broken: entry 1: hash mismatch");
    } finally {
      try (Connection c = DriverManager.getConnection(url, "postgres", null);
          Statement s = c.createStatement()) {
        s.executeUpdate("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }

  @Test
  void missingLocationIsAUsageError() {
    CliRun run = CliRun.of("audit", "verify");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("--db=FILE").contains("--postgres=URL");
  }

  @Test
  void missingDatabaseFileIsReportedWithExitTwo() {
    Path missing = dir.resolve("nope.db");
    CliRun run = CliRun.of("audit", "verify", "--db", missing.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("no audit database at");
    assertThat(missing).doesNotExist();
  }

  @Test
  void exportWritesJsonLinesWithinTheTimeRange() {
    CliRun run =
        CliRun.of(
            "audit",
            "export",
            "--db",
            db.toString(),
            "--from",
            "2026-12-01T10:02:00Z",
            "--to",
            "2026-12-01T10:04:00Z");
    assertThat(run.status()).as(run.err()).isZero();
    String[] lines = run.out().split("\n", -1);
    assertThat(lines).hasSize(3); // two entries and the final newline
    assertThat(lines[0]).startsWith("{\"seq\":2,\"time_us\":").contains("\"decision_id\":\"d2\"");
    assertThat(lines[1]).startsWith("{\"seq\":3,").endsWith("\"}");
    assertThat(lines[2]).isEmpty();
  }

  @Test
  void exportRejectsABadInstant() {
    CliRun run = CliRun.of("audit", "export", "--db", db.toString(), "--from", "yesterday");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("`--from` `yesterday` is not an instant");
  }

  /**
   * {@code warden serve} keeps its PostgreSQL audit tables in the store's schema, so the CLI reads
   * there unless told otherwise; before, it read the connection's default schema and found nothing.
   */
  @Test
  void postgresReadsTheServersSchemaByDefault() {
    CliRun help = CliRun.of("audit", "verify", "--help");
    assertThat(help.out().replaceAll("\\s+", " ")).contains("audit tables (default: warden,");
  }
}
