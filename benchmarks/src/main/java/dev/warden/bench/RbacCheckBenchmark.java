package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Embedded check on an RBAC policy with one million grants (250k repositories, 50k users, roles
 * that imply each other), one thread. Half the checks are for a granted user and a random action
 * (allowed or denied by the role), half for a random user (almost always denied after walking every
 * role).
 *
 * <p>Target: at least 1M checks/s, p99 at most 5 µs. Run: {@code java -jar
 * benchmarks/target/benchmarks.jar RbacCheck}; throughput from {@code thrpt}, p99 from {@code
 * sample}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class RbacCheckBenchmark {

  static final int REPOSITORIES = 250_000;
  static final int USERS = 50_000;
  static final String[] ROLES = {"contributor", "maintainer", "admin"};
  static final String[] ACTIONS = {"read", "push", "delete"};

  @Param("1000000")
  int grants;

  Warden warden;
  CheckRequest[] requests;
  int next;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(42);
    int[] repoOf = new int[grants];
    int[] userOf = new int[grants];
    warden =
        Fixtures.load(
            Fixtures.RBAC,
            sink -> {
              for (int i = 0; i < grants; i++) {
                repoOf[i] = i % REPOSITORIES;
                userOf[i] = rnd.nextInt(USERS);
                sink.accept(
                    Fixtures.grant(
                        "Repository",
                        "r" + repoOf[i],
                        ROLES[rnd.nextInt(3)],
                        "User",
                        "u" + userOf[i]));
              }
            });
    requests = new CheckRequest[1 << 16];
    for (int i = 0; i < requests.length; i++) {
      int g = rnd.nextInt(grants);
      int user = i % 2 == 0 ? userOf[g] : rnd.nextInt(USERS);
      requests[i] =
          CheckRequest.of(
              new EntityRef("User", "u" + user),
              ACTIONS[rnd.nextInt(3)],
              new EntityRef("Repository", "r" + repoOf[g]));
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    warden.close();
  }

  @Benchmark
  @BenchmarkMode({Mode.Throughput})
  @OutputTimeUnit(TimeUnit.SECONDS)
  public boolean thrpt() {
    return check();
  }

  @Benchmark
  @BenchmarkMode({Mode.SampleTime})
  @OutputTimeUnit(TimeUnit.NANOSECONDS)
  public boolean sample() {
    return check();
  }

  private boolean check() {
    CheckRequest r = requests[next++ & (requests.length - 1)];
    return warden.check(r).allowed();
  }
}
