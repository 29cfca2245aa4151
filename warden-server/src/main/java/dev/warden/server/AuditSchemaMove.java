package dev.warden.server;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.store.postgres.PostgresStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Logger;

/**
 * Moves a PostgreSQL audit log left by earlier servers into the store's schema.
 *
 * <p>Earlier servers opened the audit log with no schema, so its {@code warden_audit_*} tables went
 * to the connection's default schema (usually {@code public}) while the store used {@code warden}.
 * The log is a hash chain: starting an empty one beside it would hide every earlier entry from
 * {@code GET /v1/audit} and its verification. So at start, when the default schema holds audit
 * tables and the store's schema holds none, they are moved in one transaction ({@code ALTER TABLE
 * ... SET SCHEMA} keeps rows, indexes and constraints, so the chain verifies as before). When both
 * hold audit tables, nothing is moved and a warning says so.
 */
final class AuditSchemaMove {

  private static final Logger LOG = Logger.getLogger(AuditSchemaMove.class.getName());

  /** Serializes replicas starting at once; any constant that other code does not use. */
  private static final long LOCK_KEY = 0x5741524441554454L;

  private AuditSchemaMove() {}

  /** Moves the audit tables from the connection's default schema into {@code schema}, if needed. */
  static void intoStoreSchema(String jdbcUrl, String schema) {
    try (Connection c = DriverManager.getConnection(jdbcUrl)) {
      c.setAutoCommit(false);
      try (Statement s = c.createStatement()) {
        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_KEY + ")");
        String legacy;
        try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
          legacy = rs.next() ? rs.getString(1) : null;
        }
        if (legacy == null || legacy.equals(schema)) {
          c.rollback();
          return;
        }
        List<String> old = auditTables(c, legacy);
        if (old.isEmpty()) {
          c.rollback();
          return;
        }
        if (!auditTables(c, schema).isEmpty()) {
          c.rollback();
          LOG.warning(
              "audit tables exist in both schema `"
                  + legacy
                  + "` and `"
                  + schema
                  + "`; the server uses `"
                  + schema
                  + "` and leaves `"
                  + legacy
                  + "` as it is (see docs/audit.md)");
          return;
        }
        s.execute("CREATE SCHEMA IF NOT EXISTS \"" + schema + "\"");
        for (String table : old) {
          s.execute(
              "ALTER TABLE \"" + legacy + "\".\"" + table + "\" SET SCHEMA \"" + schema + "\"");
        }
        c.commit();
        LOG.info(
            "moved the audit log ("
                + old.size()
                + " tables) from schema `"
                + legacy
                + "` to `"
                + schema
                + "`");
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot move the audit log into schema `"
              + schema
              + "` at `"
              + PostgresStore.redacted(jdbcUrl)
              + "`: "
              + e.getMessage(),
          List.of(),
          e);
    }
  }

  private static List<String> auditTables(Connection c, String schema) throws SQLException {
    List<String> tables = new ArrayList<>();
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                + " AND table_name LIKE 'warden\\_audit\\_%' ORDER BY table_name")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    }
    return tables;
  }
}
