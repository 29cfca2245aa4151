package dev.warden.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The writer recovers from transient database failures without losing or repeating entries. */
class WriterRecoveryTest {

  @TempDir Path dir;

  @Test
  void writerRecoversAfterAnotherProcessHeldTheWriteLockPastTheBusyTimeout() throws Exception {
    Path file = dir.resolve("audit.db");
    AuditDatabase db = AuditDatabase.sqlite(file).withBusyTimeout(Duration.ofMillis(200));
    try (AuditStore store = AuditStore.open(db)) {
      AuditLog log =
          AuditLog.builder(store)
              .gatherTime(Duration.ofMillis(5))
              .retryBackoff(Duration.ofMillis(10), Duration.ofMillis(100))
              .build();
      for (int i = 1; i <= 100; i++) {
        log.record(Events.event(i));
      }
      assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
      try (Connection other = DriverManager.getConnection("jdbc:sqlite:" + file);
          Statement s = other.createStatement()) {
        s.execute("BEGIN IMMEDIATE"); // another process holds the write lock
        for (int i = 101; i <= 600; i++) {
          log.record(Events.event(i));
        }
        // several busy timeouts and back-offs pass while it is held
        Thread.sleep(1500);
        assertThat(log.stats().writeFailures()).isPositive();
        assertThat(store.head().seq()).isEqualTo(100);
        s.execute("ROLLBACK");
      }
      assertThat(log.flush(Duration.ofSeconds(10))).as("%s", log.stats()).isTrue();
      log.close();
      assertThat(log.stats().appended()).isEqualTo(600);
      assertThat(log.stats().dropped()).isZero();
      AuditLogTest.assertEachExactlyOnce(store, 600);
      VerifyReport r = store.verify();
      assertThat(r.intact()).as(r.summary()).isTrue();
      assertThat(r.checked()).isEqualTo(600);
    }
  }

  @Test
  void aCommitThatReportedFailureButCommittedIsNotAppendedTwice() throws Exception {
    try (AuditStore store = AuditStore.open(AuditDatabase.sqlite(dir.resolve("audit.db")))) {
      java.util.concurrent.atomic.AtomicBoolean lostAck =
          new java.util.concurrent.atomic.AtomicBoolean(true);
      AuditSink committedThenFailed =
          new AuditSink() {
            @Override
            public void append(java.util.List<dev.warden.api.DecisionEvent> batch) {
              store.append(batch);
              if (lostAck.getAndSet(false)) {
                throw new dev.warden.api.WardenException(
                    dev.warden.api.ErrorCode.UNAVAILABLE, "connection lost during COMMIT");
              }
            }

            @Override
            public boolean holds(java.util.List<dev.warden.api.DecisionEvent> batch) {
              return store.holds(batch);
            }
          };
      AuditLog log = AuditLog.builder(committedThenFailed).build();
      for (int i = 1; i <= 50; i++) {
        log.record(Events.event(i));
      }
      assertThat(log.flush(Duration.ofSeconds(10))).isTrue();
      log.close();
      assertThat(log.stats().writeFailures()).isEqualTo(1);
      AuditLogTest.assertEachExactlyOnce(store, 50);
      assertThat(store.head().seq()).isEqualTo(50);
    }
  }
}
