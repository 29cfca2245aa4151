package dev.warden.store.sqlite;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * What a file holds before the store migrates it: nothing yet (a path that did not exist), a Warden
 * database, or something else, which is refused.
 *
 * <p>The check reads through SQLite, never the file's bytes: after a crash the main file may be
 * empty while the -wal file holds every commit, and SQLite replays that WAL when it opens the file,
 * so such a file is seen as the Warden database it is. An existing file that shows no tables at all
 * (zero bytes, or a copy of warden.db taken without its -wal) is not taken for a new store: making
 * it one would bring back the seed data, and with it every grant revoked since.
 */
final class FileCheck {

  /** Flyway's table in every Warden store; see {@code Migrations}. */
  private static final String HISTORY = "warden_schema_history";

  private FileCheck() {}

  /**
   * Checks the file; true when the store's schema is still to be created (nothing was migrated into
   * it yet), false for an existing Warden database.
   *
   * @param existed whether the file existed before this open
   * @throws WardenException {@code UNAVAILABLE} naming the file when it is not a Warden database
   */
  static boolean isNew(Path file, String url, boolean existed, int busyTimeoutMillis) {
    // No journal-mode pragma here: setting WAL on an empty file would write to it, and a refused
    // file is left as it was.
    SQLiteConfig config = new SQLiteConfig();
    config.setBusyTimeout(busyTimeoutMillis);
    SQLiteDataSource source = new SQLiteDataSource(config);
    source.setUrl(url);
    List<String> tables = new ArrayList<>();
    int migrated = 0;
    try (Connection c = source.getConnection();
        Statement s = c.createStatement()) {
      try (ResultSet rs =
          s.executeQuery(
              "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
                  + " ORDER BY name")) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
      if (tables.contains(HISTORY)) {
        try (ResultSet rs =
            s.executeQuery("SELECT count(*) FROM " + HISTORY + " WHERE success = 1")) {
          migrated = rs.next() ? rs.getInt(1) : 0;
        }
      }
    } catch (SQLException e) {
      if (existed) {
        throw notWarden(file, "SQLite cannot read it (" + firstLine(e) + ")");
      }
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot create the SQLite store `" + file + "`: " + firstLine(e),
          List.of(),
          e);
    }
    if (tables.contains(HISTORY)) {
      // A Warden database, or one whose first open stopped before its schema was complete.
      return migrated == 0;
    }
    if (!tables.isEmpty()) {
      throw notWarden(
          file,
          "it holds tables of another application ("
              + quoted(tables)
              + ") and no Warden schema history; point --db at a Warden store, or at a file that"
              + " does not exist yet to create one");
    }
    if (existed) {
      throw notWarden(
          file,
          "it is empty (zero bytes or no tables). A copy of warden.db taken without its -wal file"
              + " is incomplete and is not a backup: restore one made with `warden backup`, copy"
              + " warden.db together with warden.db-wal while no server runs, or delete the file to"
              + " start a new, empty store");
    }
    return true;
  }

  private static WardenException notWarden(Path file, String why) {
    return new WardenException(
        ErrorCode.UNAVAILABLE, "`" + file + "` is not a Warden database: " + why);
  }

  private static String quoted(List<String> tables) {
    List<String> shown = tables.size() > 5 ? tables.subList(0, 5) : tables;
    String list = String.join("`, `", shown);
    return "`" + list + "`" + (tables.size() > 5 ? ", ..." : "");
  }

  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
