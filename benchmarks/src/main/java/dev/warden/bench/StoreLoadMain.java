package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.store.index.RelationshipIndex;
import dev.warden.store.replica.IndexReplica;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Start-up load and index memory for 1M grants from SQLite, without JMH:
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar dev.warden.bench.StoreLoadMain [GRANTS]
 * </pre>
 *
 * Prints the load time and the index's memory per grant, measured two ways: the heap used after a
 * full GC with the index held minus before it was built (everything the index keeps: packed arrays,
 * hash tables, the id dictionary), and the index's own estimate of its packed arrays.
 */
public final class StoreLoadMain {

  private StoreLoadMain() {}

  public static void main(String[] args) throws Exception {
    long grants = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    Path file = StoreData.fileFor(grants);
    long t0 = System.nanoTime();
    StoreData.sqliteWith(grants, file);
    System.out.printf("data file ready: %s (%.1f s)%n", file, (System.nanoTime() - t0) / 1e9);

    long start = System.nanoTime();
    try (Warden w =
        Warden.builder()
            .policy("bench.warden", Fixtures.RBAC)
            .store(SqliteStore.open(file))
            .build()) {
      System.out.printf(
          "warden built over %d grants in %.2f s (revision %d)%n",
          grants, (System.nanoTime() - start) / 1e9, w.revision());
    }

    long before = usedAfterGc();
    try (SqliteStore store = SqliteStore.open(file);
        IndexReplica replica = IndexReplica.start(store, Duration.ofHours(1), i -> {})) {
      long after = usedAfterGc();
      RelationshipIndex index = replica.index();
      System.out.printf(
          "index memory per grant: %.1f bytes live heap (%d MB in all), %.1f bytes packed arrays"
              + " and tables (the index's estimate); %d grants held%n",
          (after - before) / (double) grants,
          (after - before) >> 20,
          index.approximateBytes() / (double) grants,
          index.grantCount());
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    Runtime rt = Runtime.getRuntime();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 5; i++) {
      System.gc();
      Thread.sleep(100);
      used = Math.min(used, rt.totalMemory() - rt.freeMemory());
    }
    return used;
  }
}
