package dev.warden.bench;

import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import dev.warden.audit.AuditDatabase;
import dev.warden.audit.AuditStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The audit writer's ceiling: entries per second that one thread appends to a SQLite audit log in
 * batches of 4096 (canonical form, SHA-256 chain, one block row, commit). With the audit log on,
 * checks cannot go faster than this for long: past the queue, callers wait for the writer. Run:
 * {@code java -jar benchmarks/target/benchmarks.jar AuditAppend}.
 */
@State(Scope.Benchmark)
@Fork(value = 1)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class AuditAppendBenchmark {

  static final int BATCH = 4096;

  Path dir;
  AuditStore store;
  List<DecisionEvent> batch;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    dir = Files.createTempDirectory("warden-audit-append");
    store = AuditStore.open(AuditDatabase.sqlite(dir.resolve("audit.db")));
    SplittableRandom rnd = new SplittableRandom(7);
    Instant now = Instant.now();
    batch = new ArrayList<>(BATCH);
    for (int i = 0; i < BATCH; i++) {
      boolean allowed = rnd.nextBoolean();
      batch.add(
          new DecisionEvent(
              now.plusNanos(i * 1000L),
              "0123456789ab-lq3x9k-" + Integer.toString(i, 36),
              EntityRef.of("User", "u" + rnd.nextInt(50_000)),
              new String[] {"read", "push", "delete"}[rnd.nextInt(3)],
              EntityRef.of("Repository", "r" + rnd.nextInt(250_000)),
              null,
              allowed,
              1,
              null,
              allowed ? "granted" : "not granted",
              1,
              null,
              "embedded"));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(AuditAppendBenchmark::delete);
    }
  }

  private static void delete(Path p) {
    try {
      Files.delete(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.Throughput)
  @OutputTimeUnit(TimeUnit.SECONDS)
  @OperationsPerInvocation(BATCH)
  public void appendBatch() {
    store.append(batch);
  }
}
