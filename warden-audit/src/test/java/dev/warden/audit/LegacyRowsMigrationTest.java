package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.DecisionEvent;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A log written by the first schema (one row per entry) is moved into blocks when the store opens,
 * losing nothing: every entry reads back, the chain verifies, new entries continue it, and an entry
 * edited before the move is still caught after it.
 */
class LegacyRowsMigrationTest {

  /** More than one block's worth, so the move splits the log into two blocks. */
  static final int ROWS = MoveEntriesIntoBlocks.BLOCK + 20;

  @TempDir Path dir;

  @Test
  void sqliteLogMovesIntoBlocksIntact() throws SQLException {
    AuditDatabase db = AuditDatabase.sqlite(dir.resolve("old.db"));
    String url = "jdbc:sqlite:" + dir.resolve("old.db");
    writeFirstSchemaLog(db, () -> DriverManager.getConnection(url), "sqlite", false);
    assertMovedAndIntact(db, () -> DriverManager.getConnection(url));
  }

  @Test
  void postgresLogMovesIntoBlocksIntact() throws SQLException {
    Pg pg = new Pg("audit_legacy");
    pg.create();
    try {
      Connector connect =
          () -> {
            Connection c = pg.connect();
            try (Statement s = c.createStatement()) {
              s.execute("SET search_path TO " + pg.schema);
            }
            return c;
          };
      writeFirstSchemaLog(pg.database(), connect, "postgres", false);
      assertMovedAndIntact(pg.database(), connect);
    } finally {
      pg.drop();
    }
  }

  @Test
  void entryEditedBeforeTheMoveIsStillCaughtAfterIt() throws SQLException {
    AuditDatabase db = AuditDatabase.sqlite(dir.resolve("edited.db"));
    String url = "jdbc:sqlite:" + dir.resolve("edited.db");
    writeFirstSchemaLog(db, () -> DriverManager.getConnection(url), "sqlite", true);
    try (AuditStore store = AuditStore.open(db)) {
      VerifyReport r = store.verify();
      assertThat(r.intact()).isFalse();
      assertThat(r.firstBreak().orElseThrow().seq()).isEqualTo(42);
      assertThat(r.firstBreak().orElseThrow().kind()).isEqualTo(BreakKind.HASH_MISMATCH);
    }
  }

  @FunctionalInterface
  interface Connector {
    Connection get() throws SQLException;
  }

  /** Schema version 1 with {@link #ROWS} chained rows, as the first release wrote them. */
  private static void writeFirstSchemaLog(
      AuditDatabase db, Connector connect, String dialect, boolean editEntry42)
      throws SQLException {
    var flyway =
        Flyway.configure(LegacyRowsMigrationTest.class.getClassLoader())
            .dataSource(db.jdbcUrl(), db.user(), db.password())
            .locations("classpath:db/warden-audit/" + dialect)
            .table(AuditDatabase.HISTORY_TABLE)
            .target("1");
    if (db.schema() != null) {
      flyway = flyway.schemas(db.schema()).defaultSchema(db.schema());
    }
    flyway.load().migrate();
    String prev = CanonicalForm.GENESIS;
    try (Connection c = connect.get()) {
      c.setAutoCommit(false);
      try (PreparedStatement p =
          c.prepareStatement(
              "INSERT INTO warden_audit_entry (seq, time_us, decision_id, actor, action, resource,"
                  + " tenant, allowed, revision, policy_version, reason, latency_us, key_id,"
                  + " source, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
        for (int seq = 1; seq <= ROWS; seq++) {
          DecisionEvent e = Events.event(seq);
          String hash = CanonicalForm.hash(prev, CanonicalForm.of(seq, e));
          p.setLong(1, seq);
          p.setLong(2, CanonicalForm.micros(e.time()));
          p.setString(3, e.decisionId());
          p.setString(4, e.actor().toString());
          p.setString(5, e.action());
          p.setString(6, e.resource().toString());
          p.setString(7, e.tenant());
          p.setBoolean(8, (seq == 42 && editEntry42) ? !e.allowed() : e.allowed());
          p.setLong(9, e.revision());
          p.setString(10, e.policyVersion());
          p.setString(11, e.reason());
          p.setLong(12, e.latencyMicros());
          p.setString(13, e.keyId());
          p.setString(14, e.source());
          p.setString(15, prev);
          p.setString(16, hash);
          p.addBatch();
          prev = hash;
        }
        p.executeBatch();
      }
      try (PreparedStatement p =
          c.prepareStatement("UPDATE warden_audit_head SET seq = ?, hash = ? WHERE id = 1")) {
        p.setLong(1, ROWS);
        p.setString(2, prev);
        p.executeUpdate();
      }
      c.commit();
    }
  }

  private static void assertMovedAndIntact(AuditDatabase db, Connector connect)
      throws SQLException {
    try (AuditStore store = AuditStore.open(db)) {
      VerifyReport r = store.verify();
      assertThat(r.intact()).as(r.summary()).isTrue();
      assertThat(r.checked()).isEqualTo(ROWS);
      StringWriter out = new StringWriter();
      store.export(null, null, out);
      List<DecisionEvent> read = new ArrayList<>();
      for (String json : out.toString().lines().toList()) {
        String canonical = json.substring(0, json.indexOf(",\"prev_hash\":")) + "}";
        read.add(EntryParser.parse(canonical).event());
      }
      assertThat(read).hasSize(ROWS);
      for (int i = 0; i < ROWS; i++) {
        assertThat(read.get(i)).isEqualTo(Events.event(i + 1));
      }
      store.append(Events.range(ROWS + 1, ROWS + 5));
      VerifyReport after = store.verify();
      assertThat(after.intact()).as(after.summary()).isTrue();
      assertThat(after.checked()).isEqualTo(ROWS + 5);
    }
    try (Connection c = connect.get()) {
      assertThatThrownBy(() -> c.createStatement().executeQuery("SELECT 1 FROM warden_audit_entry"))
          .as("the old table is gone")
          .isInstanceOf(SQLException.class);
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT count(*) FROM warden_audit_block")) {
        rs.next();
        assertThat(rs.getInt(1)).as("two moved blocks and one new").isEqualTo(3);
      }
    }
  }
}
