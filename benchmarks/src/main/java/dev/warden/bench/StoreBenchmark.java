package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The SQLite store: batched write throughput (grants per second, durable when acknowledged) and the
 * start-up load of 1M grants from the file into a Warden's index. Memory per grant is measured by
 * {@link StoreLoadMain}, which JMH cannot do.
 */
public class StoreBenchmark {

  /** A store that every write adds 5000 new grants to. */
  @State(Scope.Benchmark)
  public static class Writes {
    Path dir;
    SqliteStore store;
    long next;

    @Setup(Level.Trial)
    public void open() throws IOException {
      dir = Files.createTempDirectory("warden-bench-writes");
      store = SqliteStore.open(dir.resolve("writes.db"));
    }

    @TearDown(Level.Trial)
    public void close() throws IOException {
      store.close();
      try (var files = Files.list(dir)) {
        for (Path f : files.toList()) {
          Files.delete(f);
        }
      }
      Files.delete(dir);
    }
  }

  /** Grants written per second, in batches of 5000 (each one transaction, fsynced). */
  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(StoreData.BATCH)
  @Warmup(iterations = 2, time = 5)
  @Measurement(iterations = 3, time = 10)
  @Fork(1)
  public long writeBatchedGrants(Writes s) {
    long from = s.next;
    s.next += StoreData.BATCH;
    return s.store.write(StoreData.batch(from, s.next));
  }

  /** A SQLite file with 1M grants, made once and kept in the system temp directory. */
  @State(Scope.Benchmark)
  public static class Loaded {
    Path file;

    @Setup(Level.Trial)
    public void prepare() {
      file = StoreData.sqliteWith(1_000_000, StoreData.fileFor(1_000_000));
    }
  }

  /** Time for a Warden to open the 1M-grant file and bulk load its index. */
  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  @Warmup(iterations = 2)
  @Measurement(iterations = 3)
  @Fork(
      value = 1,
      jvmArgs = {"-Xmx4g"})
  public long startUpLoadOfOneMillionGrants(Loaded s) {
    try (Warden w =
        Warden.builder()
            .policy("bench.warden", Fixtures.RBAC)
            .store(SqliteStore.open(s.file))
            .build()) {
      return w.revision();
    }
  }
}
