package dev.warden.store.postgres;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The local PostgreSQL server tests use (127.0.0.1:5432, trust auth, user postgres), and fresh
 * schemas in it that are dropped afterwards. Override the URL with {@code -Dwarden.test.postgres}.
 */
final class TestDatabase {

  static final String URL =
      System.getProperty(
          "warden.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");

  private final List<String> schemas = new ArrayList<>();

  /** A schema name no other test uses. */
  synchronized String freshSchema(String prefix) {
    String name =
        prefix + "_" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffffL);
    schemas.add(name);
    return name;
  }

  /** Drops every schema this instance handed out. */
  synchronized void dropAll() throws SQLException {
    try (Connection c = DriverManager.getConnection(URL);
        Statement s = c.createStatement()) {
      for (String schema : schemas) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
    schemas.clear();
  }
}
