package dev.warden.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.WriteBatch;
import dev.warden.store.memory.MemoryStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** How a Warden's index replica follows writes it did not make. */
class IndexReplicaTest {

  private static final String POLICY =
      """
      actor User {}
      resource Repository {
        permissions = ["read"];
        roles = ["reader"];
        "read" if "reader";
      }
      """;

  private static Warden warden(TupleStore store, Duration poll) {
    return Warden.builder().policy("p.warden", POLICY).store(store).pollInterval(poll).build();
  }

  private static CheckRequest read(String user, String repo, long atLeast) {
    return CheckRequest.builder(
            EntityRef.of("User", user), "read", EntityRef.of("Repository", repo))
        .consistency(Consistency.atLeast(atLeast))
        .build();
  }

  @Test
  void pollingFindsWritesNobodyAnnounced() {
    MemoryStore memory = new MemoryStore();
    try (Warden w = warden(new ForwardingStore(memory, false), Duration.ofMillis(20))) {
      long r = memory.write(WriteBatch.touch("Repository:a#reader@User:ann"));
      long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
      while (w.revision() < r && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertThat(w.revision()).isEqualTo(r);
      assertThat(w.check(CheckRequest.of("User:ann", "read", "Repository:a")).allowed()).isTrue();
    }
  }

  @Test
  void anAtLeastCheckCatchesUpAtOnceWithoutWaitingForThePoll() {
    MemoryStore memory = new MemoryStore();
    try (Warden w = warden(new ForwardingStore(memory, false), Duration.ofHours(1))) {
      long r = memory.write(WriteBatch.touch("Repository:a#reader@User:ann"));
      assertThat(w.revision()).isLessThan(r);
      assertThat(w.check(read("ann", "a", r)).allowed()).isTrue();
    }
  }

  @Test
  void aReplicaBehindTheRetainedChangelogReloadsTheWholeIndex() {
    MemoryStore memory = new MemoryStore(2);
    try (Warden w = warden(new ForwardingStore(memory, false), Duration.ofHours(1))) {
      long r = 0;
      for (int i = 0; i < 10; i++) {
        r = memory.write(WriteBatch.touch("Repository:r" + i + "#reader@User:ann"));
      }
      assertThat(w.check(read("ann", "r0", r)).allowed()).isTrue();
      assertThat(w.check(read("ann", "r9", r)).allowed()).isTrue();
      assertThat(w.revision()).isEqualTo(r);
      long next =
          memory.write(
              WriteBatch.delete(
                  java.util.List.of(dev.warden.api.Grant.parse("Repository:r0#reader@User:ann"))));
      assertThat(w.check(read("ann", "r0", next)).allowed()).isFalse();
    }
  }
}
