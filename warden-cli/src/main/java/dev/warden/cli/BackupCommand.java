package dev.warden.cli;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import dev.warden.store.SnapshotVisitor;
import dev.warden.store.postgres.PostgresStore;
import dev.warden.store.sqlite.SqliteStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warden backup --to FILE}: a consistent copy of a SQLite store, taken while servers keep
 * using it, that opens as the same store. PostgreSQL is backed up with its own tools; this command
 * says how instead of pretending.
 */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Copies a SQLite store (grants, changelog, policy versions, audit log) to a new file, safely"
          + " while a server uses it. Copying warden.db by hand is not a backup: commits still in"
          + " warden.db-wal are missed.",
      "For PostgreSQL, use pg_dump (the command prints how).",
      "Exit status: 0 backed up and verified, 2 refused (nothing written)."
    })
final class BackupCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--to",
      required = true,
      paramLabel = "FILE",
      description = "The new backup file; an existing file is never overwritten.")
  Path to;

  @Override
  public Integer call() {
    String postgres = store.postgresUrl();
    if (postgres != null) {
      throw WardenException.invalid(
          "`warden backup` copies SQLite files only; back up PostgreSQL with pg_dump, e.g. pg_dump"
              + " --schema="
              + store.schema
              + " --format=custom --file=warden.dump '<database URL>' (the JDBC URL was `"
              + PostgresStore.redacted(postgres)
              + "`), and restore with pg_restore");
    }
    Path file = store.sqliteFile();
    long[] grants = new long[1];
    long revision;
    try (SqliteStore source = SqliteStore.openExisting(file)) {
      source.backupTo(to);
    }
    // The backup is only a backup if it opens: read it back as a store.
    try (SqliteStore copy = SqliteStore.openExisting(to)) {
      revision =
          copy.scan(
              new SnapshotVisitor() {
                @Override
                public void grant(Grant g) {
                  grants[0]++;
                }

                @Override
                public void attributes(EntityRef entity, Map<String, Object> values) {}
              });
    }
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "backed up `%s` to `%s`: %d grants at revision %d (opened and checked)%n",
        file, to, grants[0], revision);
    out.flush();
    return 0;
  }
}
