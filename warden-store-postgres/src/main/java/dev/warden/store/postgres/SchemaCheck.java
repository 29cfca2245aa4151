package dev.warden.store.postgres;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Looks at the database before the pool and Flyway touch it: can the server be reached within
 * {@value PostgresStore#CONNECT_TIMEOUT_SECONDS} s, and does the schema hold a Warden store,
 * nothing at all, or another application's tables? Each failure is one line naming the URL without
 * its password, instead of a pool timeout after 30 s or Flyway's multi-line report.
 */
final class SchemaCheck {

  private SchemaCheck() {}

  static void require(String jdbcUrl, String schema, boolean existingOnly) {
    List<String> tables = new ArrayList<>();
    try (Connection c = DriverManager.getConnection(jdbcUrl, timeouts());
        PreparedStatement s =
            c.prepareStatement(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = ?"
                    + " ORDER BY table_name")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          tables.add(rs.getString(1));
        }
      }
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot connect to PostgreSQL at `"
              + PostgresStore.redacted(jdbcUrl)
              + "`: "
              + firstLine(e),
          List.of(),
          e);
    }
    boolean warden = tables.contains("warden_schema_history");
    if (!warden && !tables.isEmpty()) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "schema `"
              + schema
              + "` at `"
              + PostgresStore.redacted(jdbcUrl)
              + "` is not a Warden store: it holds other tables ("
              + shown(tables)
              + ") and no Warden schema history; choose another --schema");
    }
    if (!warden && existingOnly) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "no Warden store in schema `"
              + schema
              + "` at `"
              + PostgresStore.redacted(jdbcUrl)
              + "` (check --schema and the database; `warden import` or `warden serve` creates"
              + " one)");
    }
  }

  /** Connect and login timeouts; values the URL itself sets win (the driver reads them last). */
  private static Properties timeouts() {
    Properties p = new Properties();
    p.setProperty("connectTimeout", Integer.toString(PostgresStore.CONNECT_TIMEOUT_SECONDS));
    p.setProperty("loginTimeout", Integer.toString(PostgresStore.CONNECT_TIMEOUT_SECONDS));
    p.setProperty("socketTimeout", Integer.toString(PostgresStore.CONNECT_TIMEOUT_SECONDS * 2));
    return p;
  }

  private static String shown(List<String> tables) {
    List<String> some = tables.size() > 5 ? tables.subList(0, 5) : tables;
    return "`" + String.join("`, `", some) + "`" + (tables.size() > 5 ? ", ..." : "");
  }

  private static String firstLine(SQLException e) {
    String m = String.valueOf(e.getMessage());
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
