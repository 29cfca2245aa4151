package dev.warden.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The durable audit log in a SQLite file or PostgreSQL: appends hash-chained batches, answers
 * queries, verifies the chain and exports it. Thread-safe; one chain per database.
 *
 * <p>Each {@link #append} is one transaction that locks the head checkpoint row, continues the
 * chain from it, inserts the batch and moves the head. Several writers (threads, processes, PDP
 * replicas on one PostgreSQL) therefore extend one chain without forking it.
 */
public final class AuditStore implements AuditSink, AutoCloseable {

  private static final String TABLE = "warden_audit_entry";
  private static final String HEAD = "warden_audit_head";
  private static final String COLUMNS =
      "seq, time_us, decision_id, actor, action, resource, tenant, allowed, revision,"
          + " policy_version, reason, latency_us, key_id, source, prev_hash, hash";
  private static final String INSERT =
      "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)";
  private static final int SCAN_CHUNK = 2000;

  private final AuditDatabase database;
  private final HikariDataSource dataSource;

  private AuditStore(AuditDatabase database, HikariDataSource dataSource) {
    this.database = database;
    this.dataSource = dataSource;
  }

  /**
   * Opens the audit log, creating the database (a SQLite file) and migrating its tables as needed.
   *
   * @throws WardenException {@code UNAVAILABLE} when the database cannot be reached or migrated
   */
  public static AuditStore open(AuditDatabase database) {
    HikariDataSource ds = dataSource(database);
    try {
      migrate(database, ds);
      return new AuditStore(database, ds);
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
  }

  /**
   * Opens an audit log that must already exist, changing nothing: for verify and export.
   *
   * @throws WardenException {@code UNAVAILABLE} when there is no audit log there
   */
  public static AuditStore openExisting(AuditDatabase database) {
    if (database.kind() == AuditDatabase.Kind.SQLITE && !Files.isRegularFile(database.file())) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE, "no audit database at `" + database.file() + "`");
    }
    AuditStore store = new AuditStore(database, dataSource(database));
    try {
      store.head();
      return store;
    } catch (RuntimeException e) {
      store.close();
      Throwable why = e.getCause() instanceof SQLException ? e.getCause() : e;
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "no audit log in " + database + ": " + why.getMessage().lines().findFirst().orElse(""),
          List.of(),
          e);
    }
  }

  private static HikariDataSource dataSource(AuditDatabase db) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(db.jdbcUrl());
    config.setPoolName("warden-audit");
    config.setMaximumPoolSize(4);
    config.setMinimumIdle(1);
    if (db.kind() == AuditDatabase.Kind.SQLITE) {
      // WAL: readers (query, verify) never block the writer; NORMAL sync is durable across a
      // process crash, and the WAL is synced at checkpoints. Appends take the write lock at
      // BEGIN, so concurrent appenders queue on busy_timeout instead of failing mid-transaction.
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("synchronous", "NORMAL");
      config.addDataSourceProperty("busy_timeout", "30000");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
      // The three indexes take inserts at random places: keep their hot pages in memory.
      config.addDataSourceProperty("cache_size", "-65536");
    } else {
      if (db.user() != null) {
        config.setUsername(db.user());
      }
      if (db.password() != null) {
        config.setPassword(db.password());
      }
      if (db.schema() != null) {
        config.setSchema(db.schema());
      }
      // A batch becomes one multi-row INSERT.
      config.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    config.setInitializationFailTimeout(-1); // fail on first use with the driver's own message
    return new HikariDataSource(config);
  }

  private static void migrate(AuditDatabase db, HikariDataSource ds) {
    var flyway =
        Flyway.configure(AuditStore.class.getClassLoader())
            .dataSource(ds)
            .locations(
                "classpath:db/warden-audit/"
                    + (db.kind() == AuditDatabase.Kind.SQLITE ? "sqlite" : "postgres"))
            .table(AuditDatabase.HISTORY_TABLE)
            // Other Warden tables (the grant store) may share the database with their own
            // history table: start ours from nothing instead of refusing a non-empty schema.
            .baselineOnMigrate(true)
            .baselineVersion("0");
    if (db.schema() != null) {
      flyway = flyway.schemas(db.schema()).defaultSchema(db.schema());
    }
    try {
      flyway.load().migrate();
    } catch (FlywayException e) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "cannot prepare the audit tables in " + db + ": " + e.getMessage(),
          List.of(),
          e);
    }
  }

  /** Where this log is stored. */
  public AuditDatabase database() {
    return database;
  }

  @Override
  public void append(List<DecisionEvent> batch) {
    if (batch.isEmpty()) {
      return;
    }
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        appendIn(c, batch);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable("cannot append to the audit log", e);
    }
  }

  private void appendIn(Connection c, List<DecisionEvent> batch) throws SQLException {
    AuditHead head = readHead(c, true);
    ChainHasher chain = new ChainHasher(head.hash());
    long seq = head.seq();
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      for (DecisionEvent e : batch) {
        seq++;
        String prev = chain.prevHex();
        bind(insert, seq, e, prev, chain.next(seq, e));
        insert.addBatch();
      }
      insert.executeBatch();
    }
    String prev = chain.prevHex();
    try (PreparedStatement update =
        c.prepareStatement("UPDATE " + HEAD + " SET seq = ?, hash = ? WHERE id = 1")) {
      update.setLong(1, seq);
      update.setString(2, prev);
      update.executeUpdate();
    }
  }

  private static void bind(PreparedStatement p, long seq, DecisionEvent e, String prev, String hash)
      throws SQLException {
    p.setLong(1, seq);
    p.setLong(2, CanonicalForm.micros(e.time()));
    p.setString(3, e.decisionId());
    p.setString(4, e.actor().toString());
    p.setString(5, e.action());
    p.setString(6, e.resource().toString());
    p.setString(7, e.tenant());
    p.setBoolean(8, e.allowed());
    p.setLong(9, e.revision());
    p.setString(10, e.policyVersion());
    p.setString(11, e.reason());
    p.setLong(12, e.latencyMicros());
    p.setString(13, e.keyId());
    p.setString(14, e.source());
    p.setString(15, prev);
    p.setString(16, hash);
  }

  /** The head checkpoint. */
  public AuditHead head() {
    try (Connection c = dataSource.getConnection()) {
      return readHead(c, false);
    } catch (SQLException e) {
      throw unavailable("cannot read the audit head", e);
    }
  }

  private AuditHead readHead(Connection c, boolean forUpdate) throws SQLException {
    String sql = "SELECT seq, hash FROM " + HEAD + " WHERE id = 1";
    if (forUpdate && database.kind() == AuditDatabase.Kind.POSTGRES) {
      sql += " FOR UPDATE"; // SQLite's BEGIN IMMEDIATE already holds the write lock
    }
    try (PreparedStatement p = c.prepareStatement(sql);
        ResultSet rs = p.executeQuery()) {
      if (!rs.next()) {
        throw new WardenException(
            ErrorCode.INTERNAL, "the audit head checkpoint row is missing in " + database);
      }
      return new AuditHead(rs.getLong(1), rs.getString(2));
    }
  }

  /** One page of entries matching the query, newest first. */
  public AuditPage query(AuditQuery q) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE 1 = 1");
    List<Object> args = new ArrayList<>();
    if (q.actor() != null) {
      sql.append(" AND actor = ?");
      args.add(q.actor().toString());
    }
    if (q.resource() != null) {
      sql.append(" AND resource = ?");
      args.add(q.resource().toString());
    }
    if (q.allowed() != null) {
      sql.append(" AND allowed = ?");
      args.add(q.allowed());
    }
    if (q.from() != null) {
      sql.append(" AND time_us >= ?");
      args.add(CanonicalForm.micros(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND time_us < ?");
      args.add(CanonicalForm.micros(q.to()));
    }
    if (q.cursor() != null) {
      sql.append(" AND seq < ?");
      args.add(Cursor.decode(q.cursor()));
    }
    sql.append(" ORDER BY seq DESC LIMIT ?");
    args.add(q.limit() + 1);
    List<AuditEntry> rows = new ArrayList<>(q.limit() + 1);
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(sql.toString())) {
      for (int i = 0; i < args.size(); i++) {
        p.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          rows.add(readEntry(rs));
        }
      }
    } catch (SQLException e) {
      throw unavailable("cannot query the audit log", e);
    }
    if (rows.size() <= q.limit()) {
      return new AuditPage(rows, Optional.empty());
    }
    List<AuditEntry> page = rows.subList(0, q.limit());
    return new AuditPage(page, Optional.of(Cursor.encode(page.get(page.size() - 1).seq())));
  }

  /**
   * Verifies the whole chain up to the head checkpoint read at the start (entries appended while
   * verifying are left for the next run), streaming: memory use does not grow with the log.
   */
  public VerifyReport verify() {
    AuditHead head = head();
    ChainVerifier verifier = new ChainVerifier(head);
    scan(
        head.seq(),
        rs -> {
          long seq = rs.getLong(1);
          AuditEntry entry;
          try {
            entry = readEntry(rs);
          } catch (RuntimeException e) {
            return verifier.malformed(seq, e.getMessage());
          }
          return verifier.accept(entry);
        });
    return verifier.finish();
  }

  /**
   * Writes every entry made in {@code [from, to)} (either may be null for no bound) to {@code out}
   * as JSON Lines, oldest first, one {@link AuditEntry#toJson()} object a line; streams.
   *
   * @return how many entries were written
   */
  public long export(Instant from, Instant to, Writer out) {
    long fromUs = from == null ? Long.MIN_VALUE : CanonicalForm.micros(from);
    long toUs = to == null ? Long.MAX_VALUE : CanonicalForm.micros(to);
    long[] count = {0};
    scan(
        Long.MAX_VALUE,
        rs -> {
          long time = rs.getLong(2);
          if (time >= fromUs && time < toUs) {
            try {
              out.write(readEntry(rs).toJson());
              out.write('\n');
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
            count[0]++;
          }
          return true;
        });
    try {
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count[0];
  }

  /** A row callback that may stop the scan. */
  @FunctionalInterface
  private interface RowVisitor {
    boolean visit(ResultSet rs) throws SQLException;
  }

  /**
   * Visits entries with {@code seq <= upTo} in sequence order, in chunks by key so no statement
   * stays open long and memory stays flat on both databases.
   */
  private void scan(long upTo, RowVisitor visitor) {
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + TABLE
            + " WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT "
            + SCAN_CHUNK;
    long after = Long.MIN_VALUE;
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      while (true) {
        p.setLong(1, after);
        p.setLong(2, upTo);
        int rows = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rows++;
            after = rs.getLong(1);
            if (!visitor.visit(rs)) {
              return;
            }
          }
        }
        if (rows < SCAN_CHUNK) {
          return;
        }
      }
    } catch (SQLException e) {
      throw unavailable("cannot read the audit log", e);
    }
  }

  private static AuditEntry readEntry(ResultSet rs) throws SQLException {
    DecisionEvent event =
        new DecisionEvent(
            CanonicalForm.instant(rs.getLong(2)),
            rs.getString(3),
            EntityRef.parse(rs.getString(4)),
            rs.getString(5),
            EntityRef.parse(rs.getString(6)),
            rs.getString(7),
            rs.getBoolean(8),
            rs.getLong(9),
            rs.getString(10),
            rs.getString(11),
            rs.getLong(12),
            rs.getString(13),
            rs.getString(14));
    return new AuditEntry(rs.getLong(1), event, rs.getString(15), rs.getString(16));
  }

  private WardenException unavailable(String what, SQLException e) {
    return new WardenException(
        ErrorCode.UNAVAILABLE, what + " in " + database + ": " + e.getMessage(), List.of(), e);
  }

  /** Entries stored; for tests and tools (a count, not a verification). */
  long count(Predicate<AuditEntry> filter) {
    long[] n = {0};
    scan(
        Long.MAX_VALUE,
        rs -> {
          if (filter.test(readEntry(rs))) {
            n[0]++;
          }
          return true;
        });
    return n[0];
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
