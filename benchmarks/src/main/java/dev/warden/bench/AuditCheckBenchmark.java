package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.audit.AuditDatabase;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditStats;
import dev.warden.audit.AuditStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of the audit log on the embedded check path: the {@link RbacCheckBenchmark} workload
 * (one million grants, one thread) with
 *
 * <ul>
 *   <li>{@code off}: no decision log, the baseline;
 *   <li>{@code noop}: a decision log that discards, so the facade's own cost of making an event
 *       (decision id, clock, latency) shows apart from the audit log's;
 *   <li>{@code sqlite}: the audit log writing to a SQLite file in a temporary directory.
 * </ul>
 *
 * Target: {@code sqlite} at most 15% below {@code off}. At tear-down the audit log is closed (every
 * accepted decision committed) and its counters printed; the trial fails if any decision was
 * dropped. Run: {@code java -jar benchmarks/target/benchmarks.jar AuditCheck}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class AuditCheckBenchmark {

  @Param({"off", "noop", "sqlite"})
  String audit;

  @Param("1000000")
  int grants;

  Warden warden;
  CheckRequest[] requests;
  int next;
  Path dir;
  AuditStore store;
  AuditLog log;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    DecisionLog decisionLog =
        switch (audit) {
          case "off" -> DecisionLog.NONE;
          case "noop" -> event -> {};
          case "sqlite" -> {
            dir = Files.createTempDirectory("warden-audit-bench");
            store = AuditStore.open(AuditDatabase.sqlite(dir.resolve("audit.db")));
            log = AuditLog.open(store);
            yield log;
          }
          default -> throw new IllegalArgumentException("unknown audit mode `" + audit + "`");
        };
    SplittableRandom rnd = new SplittableRandom(42);
    int[] repoOf = new int[grants];
    int[] userOf = new int[grants];
    warden =
        Fixtures.load(
            Fixtures.RBAC,
            decisionLog,
            sink -> {
              for (int i = 0; i < grants; i++) {
                repoOf[i] = i % RbacCheckBenchmark.REPOSITORIES;
                userOf[i] = rnd.nextInt(RbacCheckBenchmark.USERS);
                sink.accept(
                    Fixtures.grant(
                        "Repository",
                        "r" + repoOf[i],
                        RbacCheckBenchmark.ROLES[rnd.nextInt(3)],
                        "User",
                        "u" + userOf[i]));
              }
            });
    // The same request mix as RbacCheckBenchmark.
    requests = new CheckRequest[1 << 16];
    for (int i = 0; i < requests.length; i++) {
      int g = rnd.nextInt(grants);
      int user = i % 2 == 0 ? userOf[g] : rnd.nextInt(RbacCheckBenchmark.USERS);
      requests[i] =
          CheckRequest.of(
              new EntityRef("User", "u" + user),
              RbacCheckBenchmark.ACTIONS[rnd.nextInt(3)],
              new EntityRef("Repository", "r" + repoOf[g]));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() throws IOException {
    warden.close();
    if (log == null) {
      return;
    }
    log.close();
    AuditStats stats = log.stats();
    System.out.printf(
        "%naudit: appended=%d dropped=%d batches=%d waits=%d queue=%d writeFailures=%d%n",
        stats.appended(),
        stats.dropped(),
        stats.batches(),
        stats.waits(),
        stats.queueDepth(),
        stats.writeFailures());
    store.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(AuditCheckBenchmark::delete);
    }
    if (stats.dropped() != 0) {
      throw new IllegalStateException(stats.dropped() + " audit entries were dropped");
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
  public boolean check() {
    CheckRequest r = requests[next++ & (requests.length - 1)];
    return warden.check(r).allowed();
  }
}
