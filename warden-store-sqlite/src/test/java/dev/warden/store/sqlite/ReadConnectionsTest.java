package dev.warden.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteConnection;

/**
 * The connections {@link SqliteStore} reads through: their pragmas, how many there are, what a
 * reader waiting for one sees, and that closing the store closes every one of them.
 */
class ReadConnectionsTest {

  @TempDir Path dir;

  private static String pragma(Connection c, String name) throws SQLException {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA " + name)) {
      rs.next();
      return rs.getString(1);
    }
  }

  @Test
  void readersAreReadOnlyWalConnectionsWithTheStoresBusyTimeoutAndFullSync() {
    try (SqliteStore store = SqliteStore.open(dir.resolve("w.db"), 1234)) {
      List<String> pragmas =
          store.inReadTransaction(
              c ->
                  List.of(
                      pragma(c, "journal_mode"),
                      pragma(c, "busy_timeout"),
                      pragma(c, "synchronous"),
                      Boolean.toString(c.isReadOnly())));
      assertThat(pragmas).containsExactly("wal", "1234", "2", "true");

      assertThatThrownBy(
              () ->
                  store.inReadTransaction(
                      c -> {
                        try (Statement s = c.createStatement()) {
                          return s.executeUpdate("UPDATE warden_meta SET revision = 99");
                        }
                      }))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("readonly");
      assertThat(store.revision()).isZero();
    }
  }

  /** Four readers at once at most; a fifth waits for one of them, then reads. */
  @Test
  void atMostFourReadTransactionsRunAtOnceAndTheOthersWait() throws Exception {
    int threads = 6;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try (SqliteStore store = SqliteStore.open(dir.resolve("r.db"))) {
      store.write(WriteBatch.touch(List.of(Grant.parse("Repository:r#admin@User:u"))));
      AtomicInteger inside = new AtomicInteger();
      AtomicInteger most = new AtomicInteger();
      CountDownLatch release = new CountDownLatch(1);
      List<Future<Long>> reads = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        reads.add(
            pool.submit(
                () ->
                    store.inReadTransaction(
                        c -> {
                          most.accumulateAndGet(inside.incrementAndGet(), Math::max);
                          try {
                            release.await(30, TimeUnit.SECONDS);
                            try (Statement s = c.createStatement();
                                ResultSet rs = s.executeQuery("SELECT revision FROM warden_meta")) {
                              rs.next();
                              return rs.getLong(1);
                            }
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            throw new IllegalStateException(e);
                          } finally {
                            inside.decrementAndGet();
                          }
                        })));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
      while (inside.get() < 4 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
      // Give a fifth connection every chance to appear.
      Thread.sleep(300);
      assertThat(inside.get()).isEqualTo(4);
      release.countDown();
      for (Future<Long> read : reads) {
        assertThat(read.get(30, TimeUnit.SECONDS)).isEqualTo(1L);
      }
      assertThat(most.get()).isEqualTo(4);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aReaderInterruptedWhileWaitingForAConnectionGetsUnavailable() throws Exception {
    int busy = 4;
    ExecutorService pool = Executors.newFixedThreadPool(busy);
    try (SqliteStore store = SqliteStore.open(dir.resolve("i.db"))) {
      CountDownLatch holding = new CountDownLatch(busy);
      CountDownLatch release = new CountDownLatch(1);
      List<Future<Boolean>> holders = new ArrayList<>();
      for (int t = 0; t < busy; t++) {
        holders.add(
            pool.submit(
                () ->
                    store.inReadTransaction(
                        c -> {
                          holding.countDown();
                          try {
                            return release.await(30, TimeUnit.SECONDS);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return false;
                          }
                        })));
      }
      assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();
      AtomicReference<Throwable> failure = new AtomicReference<>();
      AtomicReference<Boolean> stillInterrupted = new AtomicReference<>();
      Thread waiter =
          new Thread(
              () -> {
                try {
                  store.inReadTransaction(c -> 1);
                } catch (RuntimeException e) {
                  failure.set(e);
                }
                stillInterrupted.set(Thread.currentThread().isInterrupted());
              });
      waiter.start();
      Thread.sleep(300);
      waiter.interrupt();
      waiter.join(TimeUnit.SECONDS.toMillis(20));
      release.countDown();
      for (Future<Boolean> holder : holders) {
        assertThat(holder.get(30, TimeUnit.SECONDS)).isTrue();
      }
      assertThat(failure.get())
          .isInstanceOf(WardenException.class)
          .hasMessage("interrupted waiting for a connection");
      assertThat(((WardenException) failure.get()).code()).isEqualTo(ErrorCode.UNAVAILABLE);
      assertThat(stillInterrupted.get()).isTrue();
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void closingTheStoreClosesIdleReadConnections() throws Exception {
    SqliteStore store = SqliteStore.open(dir.resolve("c.db"));
    SQLiteConnection raw = store.inReadTransaction(c -> c.unwrap(SQLiteConnection.class));
    assertThat(raw.isClosed()).isFalse();
    store.close();
    assertThat(raw.isClosed()).isTrue();
  }

  /** A read in flight when the store closes: its connection is closed too, not left open. */
  @Test
  void closingTheStoreClosesAReadConnectionInUse() throws Exception {
    SqliteStore store = SqliteStore.open(dir.resolve("f.db"));
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch closed = new CountDownLatch(1);
    AtomicReference<SQLiteConnection> raw = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try {
                store.inReadTransaction(
                    c -> {
                      raw.set(c.unwrap(SQLiteConnection.class));
                      reading.countDown();
                      try {
                        return closed.await(30, TimeUnit.SECONDS);
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return false;
                      }
                    });
              } catch (RuntimeException e) {
                // Either outcome is fine for the reader: the store closed under it.
              }
            });
    reader.start();
    assertThat(reading.await(20, TimeUnit.SECONDS)).isTrue();
    store.close();
    closed.countDown();
    reader.join(TimeUnit.SECONDS.toMillis(20));
    assertThat(reader.isAlive()).isFalse();
    assertThat(raw.get().isClosed()).isTrue();
  }
}
