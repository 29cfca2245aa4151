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

  private static final java.lang.management.ThreadMXBean THREADS =
      java.lang.management.ManagementFactory.getThreadMXBean();

  private StoreLoadMain() {}

  /** CPU time of the whole process; on a machine shared with other work, closer to an idle run. */
  private static long processCpuNanos() {
    var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
    return os instanceof com.sun.management.OperatingSystemMXBean sun
        ? sun.getProcessCpuTime()
        : -1;
  }

  public static void main(String[] args) throws Exception {
    long grants = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000;
    Path file = StoreData.fileFor(grants);
    long t0 = System.nanoTime();
    StoreData.sqliteWith(grants, file);
    System.out.printf("data file ready: %s (%.1f s)%n", file, (System.nanoTime() - t0) / 1e9);

    writes(200_000);

    // Memory next, in a heap that holds nothing else yet.
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

    for (int run = 1; run <= 3; run++) {
      long start = System.nanoTime();
      long cpu = THREADS.getCurrentThreadCpuTime();
      long processCpu = processCpuNanos();
      try (Warden w =
          Warden.builder()
              .policy("bench.warden", Fixtures.RBAC)
              .store(SqliteStore.open(file))
              .build()) {
        System.out.printf(
            "run %d: warden built over %d grants in %.2f s wall, %.2f s CPU in the loading thread,"
                + " %.2f s CPU in the process (GC and JIT too) (revision %d)%n",
            run,
            grants,
            (System.nanoTime() - start) / 1e9,
            (THREADS.getCurrentThreadCpuTime() - cpu) / 1e9,
            (processCpuNanos() - processCpu) / 1e9,
            w.revision());
      }
    }
  }

  /** Batched writes into a fresh file: grants per second by wall clock and by process CPU. */
  private static void writes(long count) throws java.io.IOException {
    Path dir = java.nio.file.Files.createTempDirectory("warden-writes");
    Path file = dir.resolve("w.db");
    try (SqliteStore store = SqliteStore.open(file)) {
      store.write(StoreData.batch(10_000_000, 10_000_000 + StoreData.BATCH)); // warm-up
      long start = System.nanoTime();
      long cpu = processCpuNanos();
      for (long from = 0; from < count; from += StoreData.BATCH) {
        store.write(StoreData.batch(from, from + StoreData.BATCH));
      }
      double wall = (System.nanoTime() - start) / 1e9;
      double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
      System.out.printf(
          "writes: %d grants in batches of %d: %.0f grants/s by wall clock, %.0f grants/s per CPU"
              + " second of the process%n",
          count, StoreData.BATCH, count / wall, count / cpuSeconds);
    } finally {
      try (var files = java.nio.file.Files.list(dir)) {
        for (Path f : files.toList()) {
          java.nio.file.Files.delete(f);
        }
      }
      java.nio.file.Files.delete(dir);
    }
  }

  private static long usedAfterGc() throws InterruptedException {
    var memory = java.lang.management.ManagementFactory.getMemoryMXBean();
    long used = Long.MAX_VALUE;
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(200);
      used = Math.min(used, memory.getHeapMemoryUsage().getUsed());
    }
    return used;
  }
}
