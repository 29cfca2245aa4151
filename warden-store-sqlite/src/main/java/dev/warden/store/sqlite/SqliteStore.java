package dev.warden.store.sqlite;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.store.sql.JdbcTupleStore;
import dev.warden.store.sql.Migrations;
import dev.warden.store.sql.SqlWork;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The default durable store: one SQLite file.
 *
 * <ul>
 *   <li>Durability: WAL journal with {@code synchronous=FULL}, so a write is on disk (the WAL is
 *       fsynced) before {@link #write} returns its revision; a crash loses no acknowledged batch
 *       and never leaves part of one.
 *   <li>Writers: one connection, used by one thread at a time, opening each transaction with {@code
 *       BEGIN IMMEDIATE}; another process writing the same file waits up to the busy timeout.
 *   <li>Readers: a few separate read-only connections, pooled by HikariCP; in WAL mode they read a
 *       consistent snapshot without blocking the writer or each other.
 * </ul>
 *
 * Other processes' writes are not announced: replicas find them by polling.
 */
public final class SqliteStore extends JdbcTupleStore {

  /** How long a writer waits for another process's write lock, by default. */
  public static final int DEFAULT_BUSY_TIMEOUT_MILLIS = 10_000;

  private static final int READERS = 4;

  /** How long a read waits for one of the {@link #READERS} connections to come free. */
  private static final long READER_WAIT_MILLIS = 30_000;

  private final Path file;
  private final boolean created;
  private final SQLiteDataSource readSource;
  private final Connection writer;
  private final ReentrantLock writeLock = new ReentrantLock();
  private final HikariDataSource readers;

  private SqliteStore(Path file, int busyTimeoutMillis, boolean existed) throws SQLException {
    this.file = file;
    String url = "jdbc:sqlite:" + file.toAbsolutePath();
    this.created = FileCheck.isNew(file, url, existed, busyTimeoutMillis);
    SQLiteDataSource writeSource = new SQLiteDataSource(config(busyTimeoutMillis, true));
    writeSource.setUrl(url);
    Migrations.migrate(writeSource, "db/warden/sqlite", null);
    // Transactions are begun and ended by hand, in auto-commit mode: with auto-commit off the
    // driver begins the next transaction as soon as one commits, and an idle IMMEDIATE
    // transaction would hold the file's write lock against every other process.
    this.writer = writeSource.getConnection();
    this.readSource = new SQLiteDataSource(config(busyTimeoutMillis, false));
    this.readSource.setUrl(url);
    try {
      this.readers = readerPool(readSource);
    } catch (RuntimeException e) {
      // The pool opens one reader to check that it can; when it cannot, nothing stays open.
      closeQuietly(writer);
      throw new SQLException(
          "cannot open a read connection: "
              + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()),
          e);
    }
  }

  private static HikariDataSource readerPool(SQLiteDataSource source) {
    HikariConfig c = new HikariConfig();
    c.setPoolName("warden-sqlite-readers");
    // The driver's own data source: each connection gets the pragmas of config() and the
    // read-only open flag, exactly as without a pool.
    c.setDataSource(source);
    // Matches that open flag. Otherwise the pool would set read-only off on every new
    // connection, which the driver refuses.
    c.setReadOnly(true);
    c.setMaximumPoolSize(READERS);
    // Opened on first use, then kept until close: a local file's connections do not go stale,
    // so there is nothing to retire or keep alive.
    c.setMinimumIdle(0);
    c.setIdleTimeout(0);
    c.setMaxLifetime(0);
    c.setKeepaliveTime(0);
    c.setConnectionTimeout(READER_WAIT_MILLIS);
    return new HikariDataSource(c);
  }

  private static SQLiteConfig config(int busyTimeoutMillis, boolean writer) {
    // The writer's pragmas reach the file (journal mode is persistent); synchronous and the busy
    // timeout are per connection, so readers set them too.
    SQLiteConfig c = new SQLiteConfig();
    c.setJournalMode(SQLiteConfig.JournalMode.WAL);
    c.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    c.setBusyTimeout(busyTimeoutMillis);
    if (!writer) {
      c.setReadOnly(true);
    }
    return c;
  }

  /**
   * Opens the store in a file, creating the file when it does not exist, and brings its schema up
   * to date.
   *
   * @throws WardenException {@code UNAVAILABLE} when the file cannot be opened or migrated, or
   *     exists but is not a Warden database (empty, or another application's)
   */
  public static SqliteStore open(Path file) {
    return open(file, DEFAULT_BUSY_TIMEOUT_MILLIS);
  }

  /**
   * Opens a store that must already exist, for commands that only read it (export, backup): a
   * missing file is refused instead of being created empty.
   *
   * @throws WardenException {@code UNAVAILABLE} when there is no such file, or as {@link #open}
   */
  public static SqliteStore openExisting(Path file) {
    if (!Files.exists(file)) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "no SQLite store `"
              + file
              + "`: the file does not exist (check --db; `warden import` or `warden serve` creates"
              + " one)");
    }
    return open(file);
  }

  /** Opens the store with a given busy timeout. */
  public static SqliteStore open(Path file, int busyTimeoutMillis) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null && !Files.isDirectory(parent)) {
        throw new WardenException(
            ErrorCode.UNAVAILABLE, "cannot open `" + file + "`: no directory `" + parent + "`");
      }
      return new SqliteStore(file, busyTimeoutMillis, Files.exists(file));
    } catch (SQLException e) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot open the SQLite store `" + file + "`: " + e.getMessage(),
          List.of(),
          e);
    }
  }

  /** The database file. */
  public Path file() {
    return file;
  }

  /** True when this open created the store: the file did not exist, or held no schema yet. */
  @Override
  public boolean created() {
    return created;
  }

  /**
   * Writes a consistent copy of the whole database (grants, changelog, policy versions, and the
   * audit tables kept in the same file) to a new file, while the store stays open and writable:
   * {@code VACUUM INTO} reads one snapshot, WAL included. Copying {@code warden.db} by hand misses
   * every commit still in its {@code -wal} file.
   *
   * @throws WardenException {@code INVALID_REQUEST} when the target exists (never overwritten),
   *     {@code UNAVAILABLE} when the copy fails (a partial target is removed)
   */
  public void backupTo(Path target) {
    requireOpen();
    if (Files.exists(target)) {
      throw WardenException.invalid(
          "`" + target + "` already exists; a backup never overwrites a file: choose a new name");
    }
    Path parent = target.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      throw WardenException.invalid(
          "cannot back up to `" + target + "`: no directory `" + parent + "`");
    }
    // Its own connection: VACUUM cannot run inside the transactions the pooled readers open.
    try (Connection c = readSource.getConnection();
        PreparedStatement s = c.prepareStatement("VACUUM INTO ?")) {
      s.setString(1, target.toAbsolutePath().toString());
      s.execute();
    } catch (SQLException e) {
      try {
        Files.deleteIfExists(target);
      } catch (java.io.IOException io) {
        e.addSuppressed(io);
      }
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot back up `" + file + "` to `" + target + "`: " + e.getMessage(),
          List.of(),
          e);
    }
  }

  @Override
  protected <T> T inWriteTransaction(SqlWork<T> work) {
    writeLock.lock();
    try {
      requireOpen();
      return transaction(writer, "BEGIN IMMEDIATE", work);
    } finally {
      writeLock.unlock();
    }
  }

  @Override
  protected <T> T inReadTransaction(SqlWork<T> work) {
    Connection c = borrowReader();
    Connection raw = unwrap(c);
    try {
      return transaction(c, "BEGIN DEFERRED", work);
    } finally {
      closeQuietly(c); // back to the pool
      if (isClosed()) {
        // The store closed while this read ran. The pool's shutdown lets go of connections in
        // use without closing them (it aborts them, and the driver's abort does nothing), so the
        // last user closes it; closing twice is harmless.
        closeQuietly(raw);
      }
    }
  }

  private static Connection unwrap(Connection pooled) {
    try {
      return pooled.unwrap(Connection.class);
    } catch (SQLException e) {
      closeQuietly(pooled);
      throw failed(e);
    }
  }

  private static <T> T transaction(Connection c, String begin, SqlWork<T> work) {
    try (Statement s = c.createStatement()) {
      s.execute(begin);
      try {
        T result = work.run(c);
        s.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        rollbackQuietly(s, e);
        throw e;
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  protected String charFunction() {
    return "char";
  }

  @Override
  protected String lockMetaSql() {
    // BEGIN IMMEDIATE already holds the database's write lock.
    return "SELECT revision FROM warden_meta WHERE id = 1";
  }

  private Connection borrowReader() {
    try {
      return readers.getConnection();
    } catch (SQLTransientConnectionException e) {
      requireOpen();
      if (e.getCause() instanceof SQLException cause) {
        // Waited in vain because no connection could be opened: the driver's reason.
        throw failed(cause);
      }
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "no read connection became free in " + READER_WAIT_MILLIS / 1000 + " s");
    } catch (SQLException e) {
      // The store closed meanwhile (the pool with it): say so rather than the pool's words.
      requireOpen();
      if (e.getCause() instanceof InterruptedException) {
        // The pool has already restored the thread's interrupt flag.
        throw new WardenException(ErrorCode.UNAVAILABLE, "interrupted waiting for a connection");
      }
      throw failed(e);
    }
  }

  private static void rollbackQuietly(Statement s, Exception cause) {
    try {
      s.execute("ROLLBACK");
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException e) {
      // Closing after use; nothing is lost.
    }
  }

  @Override
  protected void release() {
    writeLock.lock();
    try {
      closeQuietly(writer);
    } finally {
      writeLock.unlock();
    }
    readers.close();
  }
}
