package dev.warden.audit;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.UUID;

/** A fresh schema in the local PostgreSQL (127.0.0.1:5432, trust auth, user postgres). */
final class Pg {

  static final String URL =
      System.getProperty("warden.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/test");
  static final String USER = System.getProperty("warden.test.pg.user", "postgres");

  final String schema;

  Pg(String prefix) {
    this.schema =
        (prefix + "_" + UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
  }

  AuditDatabase database() {
    return AuditDatabase.postgres(URL, USER, null, schema);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(URL, USER, null);
  }

  void create() throws SQLException {
    exec("CREATE SCHEMA " + schema);
  }

  void drop() throws SQLException {
    exec("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
  }

  /** Empties the audit tables, if they exist yet. */
  void reset() throws SQLException {
    exec(
        "DO $$ BEGIN IF to_regclass('"
            + schema
            + ".warden_audit_block') IS NOT NULL THEN DELETE FROM "
            + schema
            + ".warden_audit_block; UPDATE "
            + schema
            + ".warden_audit_head SET seq = 0, hash = '"
            + CanonicalForm.GENESIS
            + "'; END IF; IF to_regclass('"
            + schema
            + ".warden_audit_foreign_block') IS NOT NULL THEN DELETE FROM "
            + schema
            + ".warden_audit_foreign_block; END IF; END $$");
  }

  private void exec(String sql) throws SQLException {
    try (Connection c = connect();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
