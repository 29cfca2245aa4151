package dev.warden.store.postgres;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.api.ErrorCode;
import dev.warden.api.Names;
import dev.warden.api.WardenException;
import dev.warden.store.ChangeListener;
import dev.warden.store.Subscription;
import dev.warden.store.sql.JdbcTupleStore;
import dev.warden.store.sql.Migrations;
import dev.warden.store.sql.SqlWork;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The store for many PDP replicas sharing one PostgreSQL database (one schema per Warden
 * deployment).
 *
 * <p>Revisions follow commit order: every write transaction first locks the single meta row ({@code
 * SELECT ... FOR UPDATE}), so writers are serialized from before they plan until they commit. A
 * sequence would not do: two transactions can take values 5 and 6 and commit 6 first, and a replica
 * that tailed past 6 would never see 5.
 *
 * <p>Each commit sends {@code NOTIFY} on a channel named after the schema (delivered at commit); a
 * store with subscribers listens on its own connection and tells them, and replicas poll as well,
 * so a lost notification (a reconnect, say) only delays them.
 */
public final class PostgresStore extends JdbcTupleStore {

  private static final Logger LOG = Logger.getLogger(PostgresStore.class.getName());

  /** The schema used when none is given. */
  public static final String DEFAULT_SCHEMA = "warden";

  private final String jdbcUrl;
  private final String schema;
  private final String channel;
  private final HikariDataSource pool;
  private final boolean created;
  private Thread listener;

  /** How long opening waits to reach the server and log in before it gives up. */
  static final int CONNECT_TIMEOUT_SECONDS = 5;

  private PostgresStore(String jdbcUrl, String schema, int maxConnections) {
    this.jdbcUrl = jdbcUrl;
    this.schema = schema;
    this.channel = "warden_changes_" + schema;
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setSchema(schema);
    config.setMaximumPoolSize(maxConnections);
    config.setMinimumIdle(1);
    config.setPoolName("warden-" + schema);
    config.setInitializationFailTimeout(-1);
    this.pool = new HikariDataSource(config);
    try {
      this.created = Migrations.migrate(pool, "db/warden/postgres", schema);
    } catch (RuntimeException e) {
      pool.close();
      throw e;
    }
  }

  /** Opens the store in the {@value #DEFAULT_SCHEMA} schema of the database at the JDBC URL. */
  public static PostgresStore open(String jdbcUrl) {
    return open(jdbcUrl, DEFAULT_SCHEMA);
  }

  /**
   * Opens the store in a schema (created and migrated if needed) of the database at the JDBC URL,
   * for example {@code jdbc:postgresql://127.0.0.1:5432/app?user=warden}.
   *
   * @throws WardenException {@code INVALID_REQUEST} for a schema name that is not a plain name,
   *     {@code UNAVAILABLE} when the database cannot be reached or migrated
   */
  public static PostgresStore open(String jdbcUrl, String schema) {
    return open(jdbcUrl, schema, false);
  }

  /**
   * Opens a store that must already exist in the schema, for commands that only read it (export,
   * backup): a schema without Warden's tables is refused instead of being created.
   */
  public static PostgresStore openExisting(String jdbcUrl, String schema) {
    return open(jdbcUrl, schema, true);
  }

  private static PostgresStore open(String jdbcUrl, String schema, boolean existingOnly) {
    if (!Names.isName(schema) || schema.length() > 40) {
      throw WardenException.invalid(
          "schema `" + schema + "` must be a plain name (letters, digits, `_`; at most 40)");
    }
    if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
      throw WardenException.invalid(
          "`" + jdbcUrl + "` is not a PostgreSQL JDBC URL (jdbc:postgresql://host:port/database)");
    }
    SchemaCheck.require(jdbcUrl, schema, existingOnly);
    try {
      return new PostgresStore(jdbcUrl, schema, 8);
    } catch (RuntimeException e) {
      if (e instanceof WardenException) {
        throw e;
      }
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot open the PostgreSQL store at `" + redacted(jdbcUrl) + "`: " + e.getMessage(),
          List.of(),
          e);
    }
  }

  /**
   * The URL with any password masked, for messages and logs: {@code password=...} parameters and
   * the password of a {@code user:password@} prefix.
   */
  public static String redacted(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "null";
    }
    return jdbcUrl
        .replaceAll("(?i)([?&;]password=)[^&;]*", "$1***")
        .replaceAll("//([^/@:]*):[^/@]*@", "//$1:***@");
  }

  /** True when this open created the store's tables: the schema held no Warden store before. */
  @Override
  public boolean created() {
    return created;
  }

  /** The schema this store lives in. */
  public String schema() {
    return schema;
  }

  /** The JDBC URL it connects to. */
  public String jdbcUrl() {
    return jdbcUrl;
  }

  @Override
  protected <T> T inWriteTransaction(SqlWork<T> work) {
    return transaction(false, work);
  }

  @Override
  protected <T> T inReadTransaction(SqlWork<T> work) {
    return transaction(true, work);
  }

  private <T> T transaction(boolean readOnly, SqlWork<T> work) {
    requireOpen();
    try (Connection c = pool.getConnection()) {
      c.setAutoCommit(false);
      if (readOnly) {
        // One snapshot for every statement, e.g. a page and the revision it is read at.
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setReadOnly(true);
      } else {
        c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
      }
      try {
        T result = work.run(c);
        c.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          c.rollback();
        } catch (SQLException r) {
          e.addSuppressed(r);
        }
        throw e;
      }
    } catch (SQLException e) {
      throw failed(e);
    }
  }

  @Override
  protected String charFunction() {
    return "chr";
  }

  @Override
  protected String lockMetaSql() {
    // Under READ COMMITTED, the locked row and every later statement see all earlier commits.
    return "SELECT revision FROM warden_meta WHERE id = 1 FOR UPDATE";
  }

  @Override
  protected void announce(Connection c, long revision) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT pg_notify(?, ?)")) {
      s.setString(1, channel);
      s.setString(2, Long.toString(revision));
      s.execute();
    }
  }

  @Override
  public Subscription subscribe(ChangeListener l) {
    Subscription s = super.subscribe(l);
    startListening();
    return s;
  }

  private synchronized void startListening() {
    if (listener == null && !isClosed()) {
      listener = new Thread(this::listen, "warden-pg-listen-" + schema);
      listener.setDaemon(true);
      listener.start();
    }
  }

  /** Holds a connection that LISTENs, reconnecting with back-off until the store closes. */
  private void listen() {
    long backoffMillis = 100;
    while (!isClosed()) {
      try (Connection c = DriverManager.getConnection(jdbcUrl)) {
        long committed;
        try (Statement s = c.createStatement()) {
          s.execute("LISTEN \"" + channel + "\"");
          try (var rs = s.executeQuery("SELECT revision FROM " + schema + ".warden_meta")) {
            committed = rs.next() ? rs.getLong(1) : 0;
          }
        }
        backoffMillis = 100;
        // Anything committed while not listening: let subscribers look.
        tell(committed);
        PGConnection pg = c.unwrap(PGConnection.class);
        while (!isClosed()) {
          PGNotification[] received = pg.getNotifications(500);
          long latest = -1;
          for (PGNotification n : received == null ? new PGNotification[0] : received) {
            latest = Math.max(latest, parse(n.getParameter()));
          }
          if (latest >= 0) {
            tell(latest);
          }
        }
      } catch (SQLException e) {
        if (isClosed()) {
          return;
        }
        LOG.log(Level.WARNING, "listening for commits failed; polling covers the gap", e);
        try {
          Thread.sleep(backoffMillis);
        } catch (InterruptedException ie) {
          return;
        }
        backoffMillis = Math.min(backoffMillis * 2, 10_000);
      }
    }
  }

  private static long parse(String revision) {
    try {
      return Long.parseLong(revision);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  @Override
  protected synchronized void release() {
    if (listener != null) {
      listener.interrupt();
    }
    pool.close();
  }
}
