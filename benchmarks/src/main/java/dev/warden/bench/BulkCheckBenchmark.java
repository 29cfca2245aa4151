package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * 100 checks that share structure: one user, 100 documents of one folder, whose access comes from a
 * chain of 8 ancestor folders down from a root folder shared with a group nested 5 deep. {@code
 * bulk} sends them as one {@code checkBulk} (sub-results memoized across the 100); {@code single}
 * sends 100 separate checks. The ratio single/bulk is the saving.
 *
 * <p>Target: bulk at least 5 times faster. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * BulkCheck}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class BulkCheckBenchmark {

  static final String POLICY =
      """
      actor User {}
      actor Group {
        relations = { member: User | Group#member };
      }
      resource Folder {
        roles = ["viewer"];
        relations = { parent: Folder };
        "viewer" if "viewer" on "parent";
      }
      resource Document {
        permissions = ["view"];
        roles = ["viewer"];
        relations = { parent: Folder };
        "viewer" if "viewer" on "parent";
        "view" if "viewer";
      }
      """;

  /** Whether the user is allowed (found early) or denied (every branch explored). */
  @Param({"allowed", "denied"})
  String outcome;

  Warden warden;
  List<CheckRequest> requests;

  @Setup(Level.Trial)
  public void setUp() {
    warden = Warden.builder().policy("bulk.warden", POLICY).build();
    List<String> grants = new ArrayList<>();
    for (int f = 1; f < 9; f++) {
      grants.add("Folder:f" + f + "#parent@Folder:f" + (f - 1));
    }
    grants.add("Folder:f0#viewer@Group:g0#member");
    for (int g = 1; g < 5; g++) {
      grants.add("Group:g" + (g - 1) + "#member@Group:g" + g + "#member");
      grants.add("Group:g" + (g - 1) + "#member@User:other" + g);
    }
    grants.add("Group:g4#member@User:alice");
    for (int d = 0; d < 100; d++) {
      grants.add("Document:d" + d + "#parent@Folder:f8");
    }
    warden.grant(grants.toArray(new String[0]));
    String user = outcome.equals("allowed") ? "alice" : "mallory";
    requests = new ArrayList<>();
    for (int d = 0; d < 100; d++) {
      requests.add(
          CheckRequest.of(new EntityRef("User", user), "view", new EntityRef("Document", "d" + d)));
    }
    boolean expected = outcome.equals("allowed");
    for (Decision decision : warden.checkBulk(requests)) {
      if (decision.allowed() != expected) {
        throw new IllegalStateException("fixture does not give " + outcome);
      }
    }
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    warden.close();
  }

  @Benchmark
  public List<Decision> bulk() {
    return warden.checkBulk(requests);
  }

  @Benchmark
  public void single(Blackhole bh) {
    for (CheckRequest r : requests) {
      bh.consume(warden.check(r));
    }
  }
}
