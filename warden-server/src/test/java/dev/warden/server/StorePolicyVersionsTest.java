package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two servers' policy versions over one SQLite file (two stores, as two processes would open it):
 * activating through one switches the other's engine at the activation's revision, and its current
 * version follows.
 */
class StorePolicyVersionsTest {

  private static final String POLICY =
      """
      actor User {}
      resource Repository {
        permissions = ["read"];
        roles = ["reader", "writer"];
        "read" if "reader";
        "read" if "writer";
      }
      """;

  private static final String STRICTER = POLICY.replace("\"read\" if \"reader\";", "");

  @TempDir Path dir;

  private static Warden warden(Path file) {
    return Warden.builder()
        .policy("p.warden", POLICY)
        .store(SqliteStore.open(file))
        .pollInterval(Duration.ofHours(1))
        .build();
  }

  private static boolean reads(Warden w, long atLeast) {
    return w.check(
            CheckRequest.builder(
                    EntityRef.of("User", "ann"), "read", EntityRef.of("Repository", "x"))
                .consistency(Consistency.atLeast(atLeast))
                .build())
        .allowed();
  }

  @Test
  void aVersionActivatedThroughOneServerIsEnforcedAndReportedByTheOther() {
    Path file = dir.resolve("warden.db");
    try (Warden a = warden(file);
        Warden b = warden(file)) {
      StorePolicyVersions first = new StorePolicyVersions((SqliteStore) a.store(), a);
      StorePolicyVersions second = new StorePolicyVersions((SqliteStore) b.store(), b);
      first.add(POLICY);
      long granted = a.grant("Repository:x#reader@User:ann");
      assertThat(reads(b, granted)).isTrue();
      assertThat(second.current().orElseThrow().version()).isEqualTo(1);

      PolicyVersion v2 =
          first.activate(
              STRICTER,
              PolicyCompiler.compile(new SourceFile("stricter", STRICTER)).policyOrThrow());

      assertThat(v2.version()).isEqualTo(2);
      assertThat(first.current()).contains(v2);
      assertThat(a.policyVersion()).isEqualTo(2);
      assertThat(reads(a, 0)).isFalse();
      long activated = a.revision();
      assertThat(activated).isGreaterThan(granted);
      assertThat(reads(b, activated)).as("the other server enforces version 2").isFalse();
      assertThat(b.policyVersion()).isEqualTo(2);
      assertThat(second.current()).contains(v2);
    }
  }
}
