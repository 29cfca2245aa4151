package dev.warden.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.store.memory.MemoryStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * While policies are activated over and over, every answer is evaluated under the policy that was
 * active at the revision it reports: never a new revision under the old policy, nor an old one
 * under the new. On the memory store's own index and on a replica of it.
 */
class PolicySwitchConsistencyTest {

  private static final String OPEN =
      """
      actor User {}
      resource Repository {
        permissions = ["read"];
        roles = ["reader", "writer"];
        "read" if "reader";
        "read" if "writer";
      }
      """;

  private static final String CLOSED = OPEN.replace("\"read\" if \"reader\";", "");

  @Test
  void answersOnTheMemoryStoreMatchThePolicyActiveAtTheirRevision() throws Exception {
    MemoryStore store = new MemoryStore();
    try (Warden w = Warden.builder().policy("open", OPEN).store(store).build()) {
      run(store, w);
    }
  }

  @Test
  void answersOnAReplicaMatchThePolicyActiveAtTheirRevision() throws Exception {
    MemoryStore store = new MemoryStore();
    try (Warden w =
        Warden.builder()
            .policy("open", OPEN)
            .store(new ForwardingStore(store, true))
            .pollInterval(Duration.ofMillis(5))
            .build()) {
      run(store, w);
    }
  }

  private static void run(MemoryStore store, Warden w) throws Exception {
    long granted = store.write(dev.warden.api.WriteBatch.touch("Repository:x#reader@User:ann"));
    // A replica may not have applied the grant yet, and before it nothing lets ann read under any
    // policy: start the readers once this instance is at the grant's revision.
    w.check(
        CheckRequest.builder(EntityRef.of("User", "ann"), "read", EntityRef.of("Repository", "x"))
            .consistency(Consistency.atLeast(granted))
            .build());
    // revision -> whether the policy active from it on lets readers read
    TreeMap<Long, Boolean> open = new TreeMap<>(Map.of(0L, true));
    ConcurrentLinkedQueue<Decision> seen = new ConcurrentLinkedQueue<>();
    AtomicBoolean done = new AtomicBoolean();
    List<Thread> readers = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread reader =
          new Thread(
              () -> {
                CheckRequest read = CheckRequest.of("User:ann", "read", "Repository:x");
                while (!done.get()) {
                  seen.add(w.check(read));
                }
              });
      reader.start();
      readers.add(reader);
    }
    try {
      for (int i = 0; i < 150; i++) {
        boolean nowOpen = i % 2 == 1;
        store.savePolicy(nowOpen ? OPEN : CLOSED, true);
        open.put(store.revision(), nowOpen);
        if (i % 3 == 0) {
          store.write(dev.warden.api.WriteBatch.touch("Repository:other" + i + "#reader@User:bob"));
        }
        Thread.sleep(1);
      }
      Thread.sleep(50);
    } finally {
      done.set(true);
      for (Thread reader : readers) {
        reader.join();
      }
    }
    assertThat(seen).hasSizeGreaterThan(100);
    long switchedAnswers = 0;
    for (Decision d : seen) {
      boolean expected = open.floorEntry(d.revision()).getValue();
      assertThat(d.allowed())
          .as("the answer at revision %d is evaluated under the policy active then", d.revision())
          .isEqualTo(expected);
      if (!expected) {
        switchedAnswers++;
      }
    }
    assertThat(switchedAnswers).as("some answers came under the closed policy").isPositive();
  }
}
