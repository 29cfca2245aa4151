package dev.warden.audit;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;

/**
 * Audit schema version 3: moves the entries of a log written one row per entry (version 1) into
 * blocks of up to {@value #BLOCK} entries, then drops the old table. Each row is written as its
 * canonical line with its stored hash unchanged, so the chain verifies exactly as before and an
 * entry that had been edited still fails verification. Runs in the migration's transaction: a
 * failure leaves the old table as it was.
 */
final class MoveEntriesIntoBlocks implements JavaMigration {

  static final int BLOCK = 4096;

  private static final String OLD = "warden_audit_entry";

  @Override
  public MigrationVersion getVersion() {
    return MigrationVersion.fromVersion("3");
  }

  @Override
  public String getDescription() {
    return "move entries into blocks";
  }

  @Override
  public Integer getChecksum() {
    return null;
  }

  @Override
  public boolean canExecuteInTransaction() {
    return true;
  }

  @Override
  public void migrate(Context context) throws SQLException {
    Connection c = context.getConnection();
    String select =
        "SELECT seq, time_us, decision_id, actor, action, resource, tenant, allowed, revision,"
            + " policy_version, reason, latency_us, key_id, source, prev_hash, hash FROM "
            + OLD
            + " ORDER BY seq";
    try (PreparedStatement p = c.prepareStatement(select);
        ResultSet rs = p.executeQuery()) {
      BlockLines block = null;
      while (rs.next()) {
        if (block == null) {
          block = new BlockLines(rs.getString(15));
        }
        long seq = rs.getLong(1);
        CanonicalForm.Fields f = fields(rs);
        block.add(seq, CanonicalForm.of(seq, f), rs.getString(16), f.timeUs());
        if (block.size() == BLOCK) {
          AuditStore.insert(c, block.build());
          block = null;
        }
      }
      if (block != null) {
        AuditStore.insert(c, block.build());
      }
    }
    try (Statement s = c.createStatement()) {
      s.execute("DROP TABLE " + OLD);
    }
  }

  private static CanonicalForm.Fields fields(ResultSet rs) throws SQLException {
    return new CanonicalForm.Fields(
        rs.getLong(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getBoolean(8),
        rs.getLong(9),
        rs.getString(10),
        rs.getString(11),
        rs.getLong(12),
        rs.getString(13),
        rs.getString(14));
  }
}
