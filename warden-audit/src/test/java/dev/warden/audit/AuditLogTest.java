package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.DecisionEvent;
import dev.warden.api.WardenException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The queue and writer thread over a real SQLite store. */
class AuditLogTest {

  @TempDir Path dir;
  AuditStore store;

  @BeforeEach
  void open() {
    store = AuditStore.open(AuditDatabase.sqlite(dir.resolve("audit.db")));
  }

  @AfterEach
  void close() {
    store.close();
  }

  /** Records events first..last from {@code threads} threads at once; returns when all are in. */
  static void recordConcurrently(AuditLog log, int threads, int perThread) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int base = t * perThread;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 1; i <= perThread; i++) {
                    log.record(Events.event(base + i));
                  }
                  return null;
                }));
      }
      start.countDown();
      for (Future<?> f : done) {
        f.get(120, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  static void assertEachExactlyOnce(AuditStore store, int n) {
    Set<String> ids = new HashSet<>();
    long[] count = {0};
    store.count(
        e -> {
          count[0]++;
          if (!ids.add(e.event().decisionId())) {
            throw new AssertionError("decision " + e.event().decisionId() + " recorded twice");
          }
          return true;
        });
    assertThat(count[0]).isEqualTo(n);
    List<String> missing = new ArrayList<>();
    for (int i = 1; i <= n; i++) {
      if (!ids.contains("d" + i)) {
        missing.add("d" + i);
      }
    }
    assertThat(missing).isEmpty();
  }

  @Test
  void manyThreadsRecordEveryDecisionExactlyOnceInOneChain() throws Exception {
    AuditLog log = AuditLog.builder(store).queueCapacity(1024).maxBatch(256).build();
    recordConcurrently(log, 8, 2500);
    log.close();
    AuditStats stats = log.stats();
    assertThat(stats.appended()).isEqualTo(20_000);
    assertThat(stats.dropped()).isZero();
    assertThat(stats.queueDepth()).isZero();
    assertThat(stats.batches()).isBetween(20_000L / 256, 20_000L);
    assertEachExactlyOnce(store, 20_000);
    VerifyReport r = store.verify();
    assertThat(r.intact()).as(r.summary()).isTrue();
    assertThat(r.checked()).isEqualTo(20_000);
  }

  @Test
  void closeCommitsEveryAcceptedDecision() {
    // A slow sink keeps most decisions in the queue when close() is called.
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  sleep(5);
                  store.append(batch);
                })
            .queueCapacity(10_000)
            .maxBatch(100)
            .build();
    for (int i = 1; i <= 5000; i++) {
      log.record(Events.event(i));
    }
    assertThat(log.stats().queueDepth()).isPositive();
    log.close();
    assertThat(log.stats().appended()).isEqualTo(5000);
    assertThat(log.stats().dropped()).isZero();
    assertThat(log.stats().queueDepth()).isZero();
    assertEachExactlyOnce(store, 5000);
    assertThat(store.verify().intact()).isTrue();
  }

  @Test
  void slowSinkMakesCallersWaitAndLosesNothing() throws Exception {
    AtomicLong maxRecordNanos = new AtomicLong();
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  sleep(20);
                  store.append(batch);
                })
            .queueCapacity(8)
            .maxBatch(4)
            .enqueueTimeout(Duration.ofSeconds(30))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int base = t * 25;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 1; i <= 25; i++) {
                    long start = System.nanoTime();
                    log.record(Events.event(base + i));
                    maxRecordNanos.accumulateAndGet(System.nanoTime() - start, Math::max);
                  }
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    log.close();
    AuditStats stats = log.stats();
    // 100 decisions through a sink that takes 20 ms per batch of at most 4, behind a queue of 8:
    // callers must have waited for room, some for at least one batch's time.
    assertThat(stats.waits()).isPositive();
    assertThat(maxRecordNanos.get()).isGreaterThan(TimeUnit.MILLISECONDS.toNanos(10));
    assertThat(stats.dropped()).isZero();
    assertThat(stats.appended()).isEqualTo(100);
    assertEachExactlyOnce(store, 100);
    assertThat(store.verify().intact()).isTrue();
  }

  @Test
  void waitingPastTheEnqueueTimeoutDropsAndCounts() throws Exception {
    CountDownLatch inSink = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  inSink.countDown();
                  await(release);
                  store.append(batch);
                })
            .queueCapacity(2)
            .maxBatch(1)
            .enqueueTimeout(Duration.ofMillis(20))
            .build();
    log.record(Events.event(1));
    assertThat(inSink.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds decision 1
    for (int i = 2; i <= 10; i++) {
      log.record(Events.event(i)); // 2 and 3 fill the queue; 4..10 time out
    }
    AuditStats blocked = log.stats();
    assertThat(blocked.dropped()).isEqualTo(7);
    assertThat(blocked.waits()).isEqualTo(7);
    assertThat(blocked.queueDepth()).isEqualTo(2);
    release.countDown();
    log.close();
    AuditStats stats = log.stats();
    assertThat(stats.appended()).isEqualTo(3);
    assertThat(stats.dropped()).isEqualTo(7);
    assertThat(stats.appended() + stats.dropped()).isEqualTo(10);
    assertEachExactlyOnce(store, 3);
  }

  @Test
  void tryRecordNeverWaitsAndARefusalIsNotADrop() throws Exception {
    CountDownLatch inSink = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  inSink.countDown();
                  await(release);
                  store.append(batch);
                })
            .queueCapacity(2)
            .maxBatch(1)
            .build();
    assertThat(log.tryRecord(Events.event(1))).isTrue();
    assertThat(inSink.await(10, TimeUnit.SECONDS)).isTrue(); // the writer holds decision 1
    assertThat(log.tryRecord(Events.event(2))).isTrue();
    assertThat(log.tryRecord(Events.event(3))).isTrue();
    long t0 = System.nanoTime();
    assertThat(log.tryRecord(Events.event(4))).as("the queue of 2 is full").isFalse();
    assertThat(log.tryRecordCommitted(Events.event(5))).isEmpty();
    assertThat((System.nanoTime() - t0) / 1_000_000).as("refusals waited").isLessThan(500);
    assertThat(log.stats().dropped()).as("a refused decision is the caller's to refuse").isZero();
    assertThat(log.stats().waits()).isZero();
    release.countDown();
    log.close();
    assertThat(log.stats().appended()).isEqualTo(3);
    assertThat(log.tryRecord(Events.event(6))).as("after close").isFalse();
    assertEachExactlyOnce(store, 3);
  }

  @Test
  void tryRecordCommittedCompletesOnlyOnceItsBatchIsCommitted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  await(release);
                  store.append(batch);
                })
            .gatherTime(Duration.ofSeconds(10)) // a durable decision must cut this short
            .build();
    var committed = log.tryRecordCommitted(Events.event(1)).orElseThrow();
    sleep(200);
    assertThat(committed).as("not committed while the sink holds the batch").isNotDone();
    release.countDown();
    committed.get(5, TimeUnit.SECONDS); // well before the 10 s gather time
    assertThat(store.head().seq()).as("in the store when the future completes").isEqualTo(1);
    log.close();
  }

  @Test
  void aCommitGivenUpAtCloseFailsItsFuture() {
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  throw new WardenException(dev.warden.api.ErrorCode.UNAVAILABLE, "disk full");
                })
            .closeTimeout(Duration.ofMillis(200))
            .build();
    var committed = log.tryRecordCommitted(Events.event(1)).orElseThrow();
    assertThatThrownBy(log::close).isInstanceOf(WardenException.class);
    assertThat(committed).isCompletedExceptionally();
  }

  @Test
  void failingSinkIsRetriedUntilItRecovers() {
    AtomicInteger failuresLeft = new AtomicInteger(3);
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  if (failuresLeft.getAndDecrement() > 0) {
                    throw new WardenException(
                        dev.warden.api.ErrorCode.UNAVAILABLE, "database restarting");
                  }
                  store.append(batch);
                })
            .build();
    for (int i = 1; i <= 50; i++) {
      log.record(Events.event(i));
    }
    assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
    AuditStats stats = log.stats();
    assertThat(stats.writeFailures()).isEqualTo(3);
    assertThat(stats.appended()).isEqualTo(50);
    log.close();
    assertEachExactlyOnce(store, 50);
  }

  @Test
  void sinkThatNeverRecoversFailsCloseAndCountsTheLoss() {
    AuditLog log =
        AuditLog.builder(
                batch -> {
                  throw new WardenException(dev.warden.api.ErrorCode.UNAVAILABLE, "disk full");
                })
            .closeTimeout(Duration.ofMillis(200))
            .build();
    for (int i = 1; i <= 20; i++) {
      log.record(Events.event(i));
    }
    assertThatThrownBy(log::close)
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("could not commit 20 accepted decisions");
    assertThat(log.stats().dropped()).isEqualTo(20);
    assertThat(log.stats().appended()).isZero();
  }

  @Test
  void recordAfterCloseIsDroppedAndCounted() {
    AuditLog log = AuditLog.open(store);
    log.record(Events.event(1));
    log.close();
    log.record(Events.event(2));
    assertThat(log.stats().appended()).isEqualTo(1);
    assertThat(log.stats().dropped()).isEqualTo(1);
    log.close(); // idempotent
  }

  @Test
  void flushWaitsForEverythingRecordedBefore() {
    AuditLog log = AuditLog.open(store);
    List<DecisionEvent> events = Events.events(300);
    events.forEach(log::record);
    assertThat(log.flush(Duration.ofSeconds(30))).isTrue();
    assertThat(store.head().seq()).isEqualTo(300);
    log.close();
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
