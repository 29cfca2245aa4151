package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Lookups on one million documents in 10,000 folders. The measured user is in a group that is
 * {@code viewer} of 100 folders of 100 documents each, so {@code lookupResources} returns 10,000 of
 * the 1,000,000 documents, found through the group and folder inheritance. The measured document's
 * folder has 10,000 viewers (100 groups of 100 users), so {@code lookupSubjects} returns 10,000
 * users, each with the grant that gave access. Other users and groups hold random grants on random
 * documents (1,000,000 more grants).
 *
 * <p>Targets: each at most 20 ms. Run: {@code java -jar benchmarks/target/benchmarks.jar
 * LookupBenchmark}.
 */
@State(Scope.Benchmark)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
@Warmup(iterations = 3, time = 3)
@Measurement(iterations = 5, time = 3)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class LookupBenchmark {

  static final int DOCUMENTS = 1_000_000;
  static final int FOLDERS = 10_000;
  static final int GROUPS = 2_000;
  static final int USERS = 100_000;

  Warden warden;
  LookupResourcesRequest resources;
  LookupSubjectsRequest subjects;

  @Setup(Level.Trial)
  public void setUp() {
    SplittableRandom rnd = new SplittableRandom(11);
    warden =
        Fixtures.load(
            Fixtures.GROUPS,
            sink -> {
              // Documents d<i> live in folder f<i % FOLDERS>.
              for (int d = 0; d < DOCUMENTS; d++) {
                sink.accept(
                    Fixtures.grant("Document", "d" + d, "parent", "Folder", "f" + (d % FOLDERS)));
              }
              // The measured user: member of group "readers", viewer of folders 0..99.
              sink.accept(Fixtures.grant("Group", "readers", "member", "User", "alice"));
              for (int f = 0; f < 100; f++) {
                sink.accept(Fixtures.userset("Folder", "f" + f, "viewer", "readers"));
              }
              // The measured document's folder f5000 has 100 groups of 100 users as viewers.
              for (int g = 0; g < 100; g++) {
                sink.accept(Fixtures.userset("Folder", "f5000", "viewer", "team" + g));
                for (int u = 0; u < 100; u++) {
                  sink.accept(
                      Fixtures.grant("Group", "team" + g, "member", "User", "m" + g + "_" + u));
                }
              }
              // Background: random groups and users with random grants.
              for (int i = 0; i < DOCUMENTS; i++) {
                String doc = "d" + rnd.nextInt(DOCUMENTS);
                if (rnd.nextBoolean()) {
                  sink.accept(
                      Fixtures.grant("Document", doc, "viewer", "User", "u" + rnd.nextInt(USERS)));
                } else {
                  sink.accept(
                      Fixtures.grant(
                          "Group",
                          "g" + rnd.nextInt(GROUPS),
                          "member",
                          "User",
                          "u" + rnd.nextInt(USERS)));
                }
              }
            });
    resources =
        LookupResourcesRequest.of(EntityRef.of("User", "alice"), "view", "Document")
            .page(null, 100_000);
    subjects = LookupSubjectsRequest.of("view", EntityRef.of("Document", "d5000"), "User");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    warden.close();
  }

  @Benchmark
  public LookupResourcesResult lookupResources10kOf1M() {
    LookupResourcesResult r = warden.lookupResources(resources);
    if (r.ids().size() != 10_000) {
      throw new IllegalStateException("expected 10,000 documents, got " + r.ids().size());
    }
    return r;
  }

  @Benchmark
  public LookupSubjectsResult lookupSubjects10k() {
    LookupSubjectsResult r = warden.lookupSubjects(subjects);
    if (r.subjects().size() < 10_000) {
      throw new IllegalStateException("expected at least 10,000 users, got " + r.subjects().size());
    }
    return r;
  }
}
