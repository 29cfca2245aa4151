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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Embedded check through nested groups of depth 5 and inherited roles. 1,000 group trees, each a
 * binary tree of 5 levels (31 groups); 20 users in each leaf group; 100,000 documents in 10,000
 * folders; each folder grants {@code viewer} or {@code editor} to the members of one tree's root. A
 * document's {@code view} comes from its own roles or its folder's, through {@code editor ⇒
 * viewer}, down five levels of groups. Half the checks are for a member of the right tree
 * (allowed), half for a random user (denied after exploring the whole tree).
 *
 * <p>Target: p99 at most 50 µs. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * NestedGroupsCheck}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class NestedGroupsCheckBenchmark {

  static final int TREES = 1_000;
  static final int DEPTH = 5;
  static final int USERS_PER_LEAF = 20;
  static final int FOLDERS = 10_000;
  static final int DOCUMENTS = 100_000;

  Warden warden;
  CheckRequest[] requests;
  int next;

  static String group(int tree, int node) {
    return "t" + tree + "g" + node;
  }

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(7);
    int leaves = 1 << (DEPTH - 1);
    int firstLeaf = leaves - 1;
    int[] treeOfFolder = new int[FOLDERS];
    warden =
        Fixtures.load(
            Fixtures.GROUPS,
            sink -> {
              for (int t = 0; t < TREES; t++) {
                // Heap layout: node n has children 2n+1 and 2n+2; members of a child are members
                // of the parent.
                for (int n = 1; n < 2 * leaves - 1; n++) {
                  sink.accept(
                      Fixtures.userset("Group", group(t, (n - 1) / 2), "member", group(t, n)));
                }
                for (int leaf = 0; leaf < leaves; leaf++) {
                  for (int u = 0; u < USERS_PER_LEAF; u++) {
                    sink.accept(
                        Fixtures.grant(
                            "Group",
                            group(t, firstLeaf + leaf),
                            "member",
                            "User",
                            user(t, leaf, u)));
                  }
                }
              }
              for (int f = 0; f < FOLDERS; f++) {
                treeOfFolder[f] = rnd.nextInt(TREES);
                String role = rnd.nextBoolean() ? "viewer" : "editor";
                sink.accept(Fixtures.userset("Folder", "f" + f, role, group(treeOfFolder[f], 0)));
              }
              for (int d = 0; d < DOCUMENTS; d++) {
                sink.accept(
                    Fixtures.grant("Document", "d" + d, "parent", "Folder", "f" + (d % FOLDERS)));
              }
            });
    requests = new CheckRequest[1 << 16];
    for (int i = 0; i < requests.length; i++) {
      int d = rnd.nextInt(DOCUMENTS);
      int tree = i % 2 == 0 ? treeOfFolder[d % FOLDERS] : rnd.nextInt(TREES);
      String user = user(tree, rnd.nextInt(leaves), rnd.nextInt(USERS_PER_LEAF));
      requests[i] =
          CheckRequest.of(new EntityRef("User", user), "view", new EntityRef("Document", "d" + d));
    }
  }

  static String user(int tree, int leaf, int u) {
    return "t" + tree + "l" + leaf + "u" + u;
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
    return warden.check(requests[next++ & (requests.length - 1)]).allowed();
  }
}
