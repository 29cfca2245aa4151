package dev.warden.cli;

import dev.warden.audit.AuditDatabase;
import dev.warden.store.postgres.PostgresStore;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Where the audit log to read is: {@code --db FILE} or {@code --postgres URL}. */
final class AuditSource {

  @ArgGroup(exclusive = true, multiplicity = "1")
  Location location;

  @Option(names = "--user", description = "PostgreSQL user name.")
  String user;

  @Option(
      names = "--schema",
      defaultValue = PostgresStore.DEFAULT_SCHEMA,
      description =
          "PostgreSQL schema holding the audit tables (default: ${DEFAULT-VALUE}, where `warden"
              + " serve` keeps them).")
  String schema;

  /** Exactly one of the two locations. */
  static final class Location {
    @Option(names = "--db", paramLabel = "FILE", description = "The SQLite audit database file.")
    Path db;

    @Option(
        names = "--postgres",
        paramLabel = "URL",
        description =
            "A PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db); the password, if any, is"
                + " read from the PGPASSWORD environment variable.")
    String postgres;
  }

  AuditDatabase database() {
    if (location.db != null) {
      return AuditDatabase.sqlite(location.db);
    }
    // The password never goes on the command line, where other users could see it.
    return AuditDatabase.postgres(location.postgres, user, System.getenv("PGPASSWORD"), schema);
  }
}
