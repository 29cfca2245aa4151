package dev.warden.store.sqlite;

import dev.warden.api.Grant;
import dev.warden.api.WriteBatch;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child process of {@link CrashSafetyTest}: writes batches to a SQLite store forever and prints
 * {@code ack BATCH REVISION} after each write returns, until it is killed.
 */
public final class CrashWriter {

  private CrashWriter() {}

  /** The grants of batch {@code i}: a size that varies with {@code i}, all new. */
  static List<Grant> batch(int i) {
    int size = 5 + (i * 37) % 200;
    List<Grant> grants = new ArrayList<>(size);
    for (int k = 0; k < size; k++) {
      grants.add(Grant.parse("Repository:b" + i + "_" + k + "#maintainer@User:u" + k));
    }
    return grants;
  }

  public static void main(String[] args) {
    try (SqliteStore store = SqliteStore.open(Path.of(args[0]))) {
      // The first write loads classes for a while (grant parsing, JSON, SQL); "open" follows it, so
      // that the parent's kills land among writes rather than in class loading.
      System.out.println("ack 0 " + store.write(WriteBatch.touch(batch(0))));
      System.out.println("open");
      System.out.flush();
      for (int i = 1; ; i++) {
        long revision = store.write(WriteBatch.touch(batch(i)));
        System.out.println("ack " + i + " " + revision);
        System.out.flush();
      }
    }
  }
}
