package dev.warden.audit;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Where an audit log is stored: a SQLite file or a PostgreSQL database (optionally one schema of
 * it). The audit tables and their Flyway history table ({@value #HISTORY_TABLE}) are all prefixed
 * {@code warden_audit_}, so they can share a database with other Warden tables.
 *
 * @param kind the database engine
 * @param jdbcUrl the JDBC URL
 * @param user the user name, or null
 * @param password the password, or null; never shown by {@link #toString()}
 * @param schema the PostgreSQL schema to use (created if missing), or null for the default
 * @param file the SQLite file, or null for PostgreSQL
 * @param busyTimeout how long a SQLite statement waits for another connection's write lock before
 *     it fails (the writer then retries the batch); 30 s by default
 */
public record AuditDatabase(
    Kind kind,
    String jdbcUrl,
    String user,
    String password,
    String schema,
    Path file,
    Duration busyTimeout) {

  /** How long SQLite waits for a lock by default. */
  public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);

  /** The Flyway history table of the audit migrations. */
  public static final String HISTORY_TABLE = "warden_audit_schema_history";

  /** Database engines. */
  public enum Kind {
    SQLITE,
    POSTGRES
  }

  public AuditDatabase {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(jdbcUrl, "jdbcUrl");
    Objects.requireNonNull(busyTimeout, "busyTimeout");
    if (busyTimeout.isNegative()) {
      throw new IllegalArgumentException("busy timeout must not be negative, not " + busyTimeout);
    }
    if (schema != null && !schema.matches("[a-z_][a-z0-9_]{0,62}")) {
      throw dev.warden.api.WardenException.invalid(
          "`" + schema + "` is not a schema name: use lowercase letters, digits and `_`");
    }
  }

  /** A SQLite file, created when missing. */
  public static AuditDatabase sqlite(Path file) {
    Path absolute = file.toAbsolutePath();
    return new AuditDatabase(
        Kind.SQLITE, "jdbc:sqlite:" + absolute, null, null, null, absolute, DEFAULT_BUSY_TIMEOUT);
  }

  /**
   * A PostgreSQL database.
   *
   * @param jdbcUrl such as {@code jdbc:postgresql://127.0.0.1:5432/warden}
   * @param schema the schema holding the audit tables, or null for the connection's default
   */
  public static AuditDatabase postgres(
      String jdbcUrl, String user, String password, String schema) {
    if (!jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw dev.warden.api.WardenException.invalid(
          "`" + jdbcUrl + "` is not a PostgreSQL JDBC URL: it must start with `jdbc:postgresql:`");
    }
    return new AuditDatabase(
        Kind.POSTGRES, jdbcUrl, user, password, schema, null, DEFAULT_BUSY_TIMEOUT);
  }

  /** A copy whose SQLite lock waits last at most {@code timeout} (tests use a short one). */
  public AuditDatabase withBusyTimeout(Duration timeout) {
    return new AuditDatabase(kind, jdbcUrl, user, password, schema, file, timeout);
  }

  @Override
  public String toString() {
    return kind == Kind.SQLITE
        ? "SQLite file `" + file + "`"
        : "PostgreSQL `" + jdbcUrl + "`" + (schema == null ? "" : " schema `" + schema + "`");
  }
}
