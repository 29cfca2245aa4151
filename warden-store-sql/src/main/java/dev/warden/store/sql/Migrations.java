package dev.warden.store.sql;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Brings a database's Warden schema to the current version with Flyway. Each store module keeps its
 * versioned migrations under {@code db/warden/<store>} on the class path; Flyway records what ran
 * in {@code warden_schema_history}, so opening a store again migrates nothing.
 */
public final class Migrations {

  /**
   * Flyway's logger, held so its level sticks: Flyway reports every step at INFO, which would fill
   * a CLI's output; an application that configured a level for it keeps its own.
   */
  private static final Logger FLYWAY_LOG = quietFlyway();

  private Migrations() {}

  private static Logger quietFlyway() {
    Logger log = Logger.getLogger("org.flywaydb");
    if (log.getLevel() == null) {
      log.setLevel(Level.WARNING);
    }
    return log;
  }

  /**
   * Applies pending migrations.
   *
   * @param schema the schema to migrate (created if missing), or null for the connection's default
   * @return true when this call created the store's schema: no migration had been applied before
   */
  public static boolean migrate(DataSource dataSource, String location, String schema) {
    FLYWAY_LOG.fine("migrating " + location);
    var config =
        Flyway.configure(Migrations.class.getClassLoader())
            .dataSource(dataSource)
            .locations("classpath:" + location)
            .table("warden_schema_history")
            .baselineOnMigrate(false);
    if (schema != null) {
      config = config.schemas(schema).defaultSchema(schema).createSchemas(true);
    }
    try {
      var result = config.load().migrate();
      return result.initialSchemaVersion == null && result.migrationsExecuted > 0;
    } catch (FlywayException e) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot bring the store's schema up to date: " + reason(e),
          List.of(),
          e);
    }
  }

  /**
   * One line for a failed migration: the database's own message when there is one (Flyway's own
   * report spans many lines of SQL state and error codes), else the first line of Flyway's.
   */
  private static String reason(FlywayException e) {
    String m = e.getMessage();
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.sql.SQLException sql && sql.getMessage() != null) {
        m = sql.getMessage();
      }
    }
    m = String.valueOf(m).strip();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
