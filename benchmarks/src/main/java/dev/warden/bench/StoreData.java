package dev.warden.bench;

import dev.warden.api.Grant;
import dev.warden.api.WriteBatch;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The RBAC data the store benchmarks write and load: grant {@code i} gives one of three roles on
 * repository {@code i / 5} (200k repositories for 1M grants) to one of 100k users.
 */
final class StoreData {

  private static final String[] ROLES = {"contributor", "maintainer", "admin"};

  /** Grants per write batch, as {@code warden import} writes them. */
  static final int BATCH = 5000;

  private StoreData() {}

  static Grant grant(long i) {
    return Fixtures.grant(
        "Repository", "r" + (i / 5), ROLES[(int) (i % 3)], "User", "u" + ((i * 7919) % 100_000));
  }

  /** Grants {@code from} (inclusive) to {@code to} (exclusive) as one touch batch. */
  static WriteBatch batch(long from, long to) {
    List<Grant> grants = new ArrayList<>((int) (to - from));
    for (long i = from; i < to; i++) {
      grants.add(grant(i));
    }
    return WriteBatch.touch(grants);
  }

  /** The SQLite file for {@code count} grants in the system temp directory, shared between runs. */
  static Path fileFor(long count) {
    return Path.of(System.getProperty("java.io.tmpdir"), "warden-bench-" + count + ".db");
  }

  /**
   * A SQLite file holding grants 0..count-1, written in batches; reused when a file from an earlier
   * run holds them already.
   */
  static Path sqliteWith(long count, Path file) {
    try (SqliteStore store = SqliteStore.open(file)) {
      if (store.revision() == (count + BATCH - 1) / BATCH) {
        return file;
      }
    }
    try {
      for (String suffix : new String[] {"", "-wal", "-shm"}) {
        Files.deleteIfExists(Path.of(file + suffix));
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    try (SqliteStore store = SqliteStore.open(file)) {
      for (long from = 0; from < count; from += BATCH) {
        store.write(batch(from, Math.min(count, from + BATCH)));
      }
    }
    return file;
  }
}
