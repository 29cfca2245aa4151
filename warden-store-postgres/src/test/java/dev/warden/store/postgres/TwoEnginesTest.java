package dev.warden.store.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import java.sql.SQLException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Two PDP replicas (two Warden instances, each with its own connection pool, as two processes would
 * have) over one PostgreSQL schema.
 */
class TwoEnginesTest {

  private static final TestDatabase DB = new TestDatabase();

  private static final String POLICY =
      """
      actor User {}
      resource Repository {
        permissions = ["read"];
        roles = ["reader"];
        "read" if "reader";
      }
      """;

  /** The same types, but reading needs a writer: readers lose read access. */
  private static final String STRICTER =
      """
      actor User {}
      resource Repository {
        permissions = ["read"];
        roles = ["reader", "writer"];
        "read" if "writer";
      }
      """;

  @AfterAll
  static void dropSchemas() throws SQLException {
    DB.dropAll();
  }

  private static Warden engine(String schema, Duration poll) {
    return Warden.builder()
        .policy("p.warden", POLICY)
        .store(PostgresStore.open(TestDatabase.URL, schema))
        .pollInterval(poll)
        .build();
  }

  private static CheckRequest read(String user, String repo, Consistency c) {
    return CheckRequest.builder(
            EntityRef.of("User", user), "read", EntityRef.of("Repository", repo))
        .consistency(c)
        .build();
  }

  @Test
  void aWriteThroughOneIsSeenThroughTheOtherAtLeastAtItsRevision() {
    String schema = DB.freshSchema("warden_two");
    // The reader never polls in this test: it catches up because the check asks for the revision.
    try (Warden a = engine(schema, Duration.ofMillis(50));
        Warden b = engine(schema, Duration.ofHours(1))) {
      for (int i = 0; i < 20; i++) {
        long r = a.grant("Repository:r" + i + "#reader@User:ann");
        Decision d = b.check(read("ann", "r" + i, Consistency.atLeast(r)));
        assertThat(d.allowed()).as("grant %d at revision %d", i, r).isTrue();
        assertThat(d.revision()).isGreaterThanOrEqualTo(r);
        long gone =
            b.write(
                dev.warden.api.WriteBatch.delete(
                    java.util.List.of(
                        dev.warden.api.Grant.parse("Repository:r" + i + "#reader@User:ann"))));
        assertThat(a.check(read("ann", "r" + i, Consistency.atLeast(gone))).allowed()).isFalse();
      }
    }
  }

  @Test
  void notifyBringsTheOtherReplicaCurrentWithoutPollingOrAskingForARevision() throws Exception {
    String schema = DB.freshSchema("warden_notify");
    try (Warden a = engine(schema, Duration.ofHours(1));
        Warden b = engine(schema, Duration.ofHours(1))) {
      long r = a.grant("Repository:x#reader@User:bob");
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (b.revision() < r && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      assertThat(b.revision()).isEqualTo(r);
      assertThat(b.check(read("bob", "x", Consistency.latest())).allowed()).isTrue();
    }
  }

  @Test
  void aPolicyActivatedThroughOneReplicaIsEnforcedByTheOtherFromItsRevision() {
    String schema = DB.freshSchema("warden_policy");
    // The other replica never polls: only at_least (and NOTIFY) bring it current.
    try (Warden a = engine(schema, Duration.ofMillis(50));
        Warden b = engine(schema, Duration.ofHours(1))) {
      long granted = a.grant("Repository:x#reader@User:ann");
      assertThat(b.check(read("ann", "x", Consistency.atLeast(granted))).allowed()).isTrue();

      long activated = activateThrough(a, STRICTER);

      assertThat(activated).isGreaterThan(granted);
      assertThat(a.check(read("ann", "x", Consistency.latest())).allowed()).isFalse();
      Decision d = b.check(read("ann", "x", Consistency.atLeast(activated)));
      assertThat(d.revision()).isGreaterThanOrEqualTo(activated);
      assertThat(d.allowed())
          .as("the other replica enforces the new policy at its revision")
          .isFalse();
      assertThat(b.policy().relation("Repository", "writer")).isNotNull();
    }
  }

  /** Activates a policy in the store through one replica; the revision it is active from. */
  private static long activateThrough(Warden w, String source) {
    w.activateInStore("stricter.warden", source);
    return w.revision();
  }
}
