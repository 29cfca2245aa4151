package dev.warden.cli;

import dev.warden.store.TupleStore;
import dev.warden.store.postgres.PostgresStore;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Path;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/** Which store a command works on: a SQLite file (the default, {@code warden.db}) or PostgreSQL. */
final class StoreOptions {

  /** The SQLite file used when no store is named. */
  static final Path DEFAULT_DB = Path.of("warden.db");

  @ArgGroup(exclusive = true)
  Target target = new Target();

  @Option(
      names = "--schema",
      description = "The PostgreSQL schema (default: ${DEFAULT-VALUE}).",
      defaultValue = PostgresStore.DEFAULT_SCHEMA)
  String schema;

  static final class Target {
    @Option(
        names = "--db",
        paramLabel = "FILE",
        description = "SQLite store file (default: warden.db).")
    Path db;

    @Option(
        names = "--postgres",
        paramLabel = "JDBC_URL",
        description = "PostgreSQL store, e.g. jdbc:postgresql://127.0.0.1:5432/app?user=warden.")
    String postgres;
  }

  /** Opens the chosen store, creating it when it does not exist (import, policy push). */
  TupleStore open() {
    Target t = target != null ? target : new Target();
    if (t.postgres != null) {
      return PostgresStore.open(t.postgres, schema);
    }
    return SqliteStore.open(sqliteFile());
  }

  /**
   * Opens the chosen store only if it exists (export, backup): reading a store that is not there
   * must fail, not create an empty one and report nothing to read.
   */
  TupleStore openExisting() {
    Target t = target != null ? target : new Target();
    if (t.postgres != null) {
      return PostgresStore.openExisting(t.postgres, schema);
    }
    return SqliteStore.openExisting(sqliteFile());
  }

  /** The SQLite file, or null when the store is PostgreSQL. */
  Path sqliteFile() {
    Target t = target != null ? target : new Target();
    if (t.postgres != null) {
      return null;
    }
    return t.db != null ? t.db : DEFAULT_DB;
  }

  /** The PostgreSQL JDBC URL, or null when the store is a SQLite file. */
  String postgresUrl() {
    return target != null ? target.postgres : null;
  }
}
