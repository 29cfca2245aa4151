package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteAuditStoreTest extends AuditStoreContract {

  @TempDir Path dir;

  @Override
  AuditDatabase database() {
    return AuditDatabase.sqlite(dir.resolve("audit.db"));
  }

  @Override
  Connection connect() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("audit.db"));
  }

  @Test
  void sharesADatabaseWithOtherTablesAndItsOwnHistoryTable() throws Exception {
    Path shared = dir.resolve("shared.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + shared);
        Statement s = c.createStatement()) {
      s.executeUpdate("CREATE TABLE grants (id INTEGER PRIMARY KEY, text TEXT)");
      s.executeUpdate("CREATE TABLE flyway_schema_history (installed_rank INTEGER)");
    }
    try (AuditStore other = AuditStore.open(AuditDatabase.sqlite(shared))) {
      other.append(Events.events(3));
      assertThat(other.verify().intact()).isTrue();
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + shared);
        Statement s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT count(*) FROM "
                    + AuditDatabase.HISTORY_TABLE
                    + " WHERE success = 1 AND version = '1'")) {
      assertThat(rs.next()).isTrue();
      assertThat(rs.getInt(1)).isEqualTo(1);
    }
  }

  @Test
  void openingAMissingFileForVerifyFailsWithoutCreatingIt() {
    Path missing = dir.resolve("missing.db");
    assertThatThrownBy(() -> AuditStore.openExisting(AuditDatabase.sqlite(missing)))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("no audit database at")
        .extracting(e -> ((WardenException) e).code())
        .isEqualTo(ErrorCode.UNAVAILABLE);
    assertThat(missing).doesNotExist();
  }
}
