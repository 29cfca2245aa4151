package dev.warden.audit;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.warden.api.DecisionEvent;
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
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * The durable audit log in a SQLite file or PostgreSQL: appends hash-chained batches, answers
 * queries, verifies the chain and exports it. Thread-safe; one chain per database.
 *
 * <p>Each {@link #append} is one transaction that locks the head checkpoint row, continues the
 * chain from it, inserts the batch as one {@link Block} row and moves the head. Several writers
 * (threads, processes, PDP replicas on one PostgreSQL) therefore extend one chain without forking
 * it. A block row instead of a row per entry is what keeps auditing cheap: the database's cost per
 * row (binding, inserting, indexing) was most of the writer's CPU.
 */
public final class AuditStore implements AuditSink, AutoCloseable {

  private static final String TABLE = "warden_audit_block";
  private static final String HEAD = "warden_audit_head";
  private static final String FOREIGN = "warden_audit_foreign_block";
  private static final Logger LOG = Logger.getLogger(AuditStore.class.getName());
  private static final String COLUMNS =
      "first_seq, last_seq, min_time_us, max_time_us, prev_hash, entries, hashes";
  private static final String INSERT =
      "INSERT INTO " + TABLE + " (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?)";

  /** Blocks read per statement: a few, since each holds up to a whole batch of entries. */
  private static final int SCAN_CHUNK = 8;

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
      config.addDataSourceProperty("busy_timeout", Long.toString(db.busyTimeout().toMillis()));
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
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
            .javaMigrations(new MoveEntriesIntoBlocks())
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
    Connection c;
    try {
      c = dataSource.getConnection();
    } catch (SQLException e) {
      throw unavailable("cannot append to the audit log", e);
    }
    try {
      c.setAutoCommit(false);
      appendIn(c, batch);
      c.commit();
      c.close();
    } catch (SQLException e) {
      discard(c);
      throw unavailable("cannot append to the audit log", e);
    } catch (RuntimeException e) {
      discard(c);
      throw e;
    }
  }

  /**
   * Rolls back and drops a connection an append failed on. It is never reused: a SQLite connection
   * whose {@code BEGIN IMMEDIATE} timed out on a lock held elsewhere believes it is in a
   * transaction it does not have, and every later statement on it fails, so a pooled one would
   * stall the writer for good.
   */
  private void discard(Connection c) {
    try {
      c.rollback();
    } catch (SQLException ignored) {
      // the transaction may never have begun; closing the connection ends it either way
    }
    dataSource.evictConnection(c);
  }

  @Override
  public boolean holds(List<DecisionEvent> batch) {
    if (batch.isEmpty()) {
      return true;
    }
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT "
                    + COLUMNS
                    + " FROM "
                    + TABLE
                    + " WHERE first_seq <= (SELECT seq FROM "
                    + HEAD
                    + " WHERE id = 1) ORDER BY first_seq DESC LIMIT 1");
        ResultSet rs = p.executeQuery()) {
      if (!rs.next()) {
        return false;
      }
      List<String> lines = readBlock(rs).entryLines();
      return lines.size() == batch.size()
          && sameDecision(lines.get(0), batch.get(0))
          && sameDecision(lines.get(lines.size() - 1), batch.get(batch.size() - 1));
    } catch (SQLException e) {
      throw unavailable("cannot read the audit log", e);
    }
  }

  private static boolean sameDecision(String line, DecisionEvent e) {
    try {
      return EntryParser.parse(line).event().decisionId().equals(e.decisionId());
    } catch (RuntimeException notAnEntry) {
      return false;
    }
  }

  private void appendIn(Connection c, List<DecisionEvent> batch) throws SQLException {
    AuditHead from = readHead(c, true);
    moveForeignBlocksAside(c, from);
    BlockBuilder builder = new BlockBuilder(from);
    for (DecisionEvent e : batch) {
      builder.add(e);
    }
    insert(c, builder.build());
    AuditHead head = builder.head();
    try (PreparedStatement update =
        c.prepareStatement("UPDATE " + HEAD + " SET seq = ?, hash = ? WHERE id = 1")) {
      update.setLong(1, head.seq());
      update.setString(2, head.hash());
      update.executeUpdate();
    }
  }

  /**
   * Moves every block stored past the head into {@value #FOREIGN}. The log never writes past its
   * head (the head moves in the transaction that inserts each block, under the head's lock), so
   * such a block was inserted outside it; left in place it would take the sequence numbers the next
   * append needs and stall the writer for good. Moved aside it stays as evidence, and verify
   * reports the log broken until an operator removes it.
   */
  private void moveForeignBlocksAside(Connection c, AuditHead head) throws SQLException {
    long found;
    try (PreparedStatement p =
        c.prepareStatement("SELECT count(*) FROM " + TABLE + " WHERE first_seq > ?")) {
      p.setLong(1, head.seq());
      try (ResultSet rs = p.executeQuery()) {
        rs.next();
        found = rs.getLong(1);
      }
    }
    if (found == 0) {
      return;
    }
    try (PreparedStatement move =
            c.prepareStatement(
                "INSERT INTO "
                    + FOREIGN
                    + " (found_at_us, head_seq, "
                    + COLUMNS
                    + ") SELECT ?, ?, "
                    + COLUMNS
                    + " FROM "
                    + TABLE
                    + " WHERE first_seq > ?");
        PreparedStatement delete =
            c.prepareStatement("DELETE FROM " + TABLE + " WHERE first_seq > ?")) {
      move.setLong(1, CanonicalForm.micros(Instant.now()));
      move.setLong(2, head.seq());
      move.setLong(3, head.seq());
      move.executeUpdate();
      delete.setLong(1, head.seq());
      delete.executeUpdate();
    }
    LOG.severe(
        () ->
            "the audit log in "
                + database
                + " held "
                + found
                + " block(s) past its head checkpoint "
                + head.seq()
                + ", which it did not write: moved to "
                + FOREIGN
                + "; audit verify reports the log broken until they are inspected and removed");
  }

  /** Inserts one block row; also used by the migration that moves older rows into blocks. */
  static void insert(Connection c, Block b) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(INSERT)) {
      insert.setLong(1, b.firstSeq());
      insert.setLong(2, b.lastSeq());
      insert.setLong(3, b.minTimeUs());
      insert.setLong(4, b.maxTimeUs());
      insert.setString(5, b.prevHash());
      insert.setString(6, b.entries());
      insert.setString(7, b.hashes());
      insert.executeUpdate();
    }
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

  /**
   * One page of entries matching the query, newest first. Blocks outside the time range, or whose
   * text cannot contain the actor or resource, are skipped by the database; the rest are read
   * newest entry first until the page is full.
   */
  public AuditPage query(AuditQuery q) {
    EntryFilter filter = new EntryFilter(q);
    long below = q.cursor() == null ? Long.MAX_VALUE : Cursor.decode(q.cursor());
    List<AuditEntry> rows = new ArrayList<>(q.limit() + 1);
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM " + TABLE + " WHERE first_seq < ?");
    List<Object> args = new ArrayList<>();
    if (q.from() != null) {
      sql.append(" AND max_time_us >= ?");
      args.add(CanonicalForm.micros(q.from()));
    }
    if (q.to() != null) {
      sql.append(" AND min_time_us < ?");
      args.add(CanonicalForm.micros(q.to()));
    }
    for (String needle : filter.needles()) {
      sql.append(" AND entries LIKE ? ESCAPE '!'");
      args.add("%" + likeLiteral(needle) + "%");
    }
    sql.append(" ORDER BY first_seq DESC LIMIT " + SCAN_CHUNK);
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(sql.toString())) {
      long blocksBelow = below;
      while (rows.size() <= q.limit()) {
        p.setLong(1, blocksBelow);
        for (int i = 0; i < args.size(); i++) {
          p.setObject(i + 2, args.get(i));
        }
        int read = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next() && rows.size() <= q.limit()) {
            read++;
            Block b = readBlock(rs);
            blocksBelow = b.firstSeq();
            collectNewestFirst(b, below, filter, rows, q.limit() + 1);
          }
        }
        if (read < SCAN_CHUNK) {
          break;
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

  /** Adds the block's entries below {@code below} that pass the filter, newest first, up to max. */
  private static void collectNewestFirst(
      Block b, long below, EntryFilter filter, List<AuditEntry> out, int max) {
    List<String> lines = b.entryLines();
    List<String> hashes = b.hashLines();
    for (int i = lines.size() - 1; i >= 0 && out.size() < max; i--) {
      if (b.firstSeq() + i >= below || !filter.mayMatch(lines.get(i))) {
        continue; // by position; the entry's own seq is checked once it is read
      }
      AuditEntry e = entryAt(b, lines, hashes, i);
      if (e.seq() < below && filter.matches(e)) {
        out.add(e);
      }
    }
  }

  /**
   * Verifies the whole chain up to the head checkpoint read at the start (entries appended while
   * verifying are left for the next run), streaming block by block: memory use does not grow with
   * the log.
   */
  public VerifyReport verify() {
    AuditHead head = head();
    ChainVerifier verifier = new ChainVerifier(head, () -> head().seq());
    // every stored block, wherever its numbers say it is: a block past the head is no legitimate
    // append unless the head has moved over it since verify began
    scan(Long.MAX_VALUE, Long.MIN_VALUE, Long.MAX_VALUE, b -> verifyBlock(b, verifier));
    VerifyReport report = verifier.finish();
    return report.intact() ? withForeignBlocks(report) : report;
  }

  /** The report, broken at the first foreign block the writer moved aside, if there is one. */
  private VerifyReport withForeignBlocks(VerifyReport report) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement p =
            c.prepareStatement(
                "SELECT count(*), min(first_seq), min(found_at_us), min(head_seq) FROM "
                    + FOREIGN);
        ResultSet rs = p.executeQuery()) {
      rs.next();
      long blocks = rs.getLong(1);
      if (blocks == 0) {
        return report;
      }
      ChainBreak b =
          new ChainBreak(
              rs.getLong(2),
              BreakKind.FOREIGN_BLOCK,
              blocks
                  + " block(s) not written by the audit log were found past the head checkpoint"
                  + " (then at "
                  + rs.getLong(4)
                  + ") and moved to "
                  + FOREIGN
                  + " at "
                  + CanonicalForm.instant(rs.getLong(3))
                  + "; inspect them, then delete those rows");
      return new VerifyReport(
          report.checked(), report.headSeq(), report.headHash(), Optional.of(b));
    } catch (SQLException e) {
      throw unavailable("cannot read the audit log", e);
    }
  }

  private static boolean verifyBlock(Block b, ChainVerifier verifier) {
    List<String> lines = b.entryLines();
    List<String> hashes = b.hashLines();
    String storedPrev = b.prevHash();
    BlockSummary seen = new BlockSummary();
    for (int i = 0; i < lines.size(); i++) {
      if (!verifier.withinHead()) {
        return false;
      }
      if (i >= hashes.size()) {
        return verifier.malformed("its block stores no hash for it");
      }
      EntryParser.Parsed parsed;
      try {
        parsed = EntryParser.parse(lines.get(i));
      } catch (RuntimeException e) {
        return verifier.malformed(e.getMessage());
      }
      if (!verifier.accept(parsed.seq(), lines.get(i), storedPrev, hashes.get(i))) {
        return false;
      }
      storedPrev = hashes.get(i);
      seen.add(parsed.seq(), CanonicalForm.micros(parsed.event().time()));
    }
    if (hashes.size() > lines.size()) {
      return verifier.malformed(
          "the block before it holds "
              + lines.size()
              + " entries but "
              + hashes.size()
              + " hashes");
    }
    String mismatch = seen.disagreement(b);
    return mismatch == null || verifier.blockMismatch(b.firstSeq(), mismatch);
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
        fromUs,
        toUs,
        b -> {
          List<String> lines = b.entryLines();
          List<String> hashes = b.hashLines();
          for (int i = 0; i < lines.size(); i++) {
            AuditEntry e = entryAt(b, lines, hashes, i);
            long time = CanonicalForm.micros(e.event().time());
            if (time >= fromUs && time < toUs) {
              write(out, e.toJson());
              count[0]++;
            }
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

  private static void write(Writer out, String line) {
    try {
      out.write(line);
      out.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A block callback that may stop the scan. */
  @FunctionalInterface
  private interface BlockVisitor {
    boolean visit(Block b);
  }

  /**
   * Visits the blocks starting at or before {@code upTo}, oldest first, a few per statement so that
   * no statement stays open long and memory stays flat. Unless the time bounds are open ({@code
   * Long.MIN_VALUE}, {@code Long.MAX_VALUE}), only blocks whose summary overlaps {@code [fromUs,
   * toUs)} are read; verify leaves them open, so it reads every block whatever its summary says.
   */
  private void scan(long upTo, long fromUs, long toUs, BlockVisitor visitor) {
    boolean byTime = fromUs != Long.MIN_VALUE || toUs != Long.MAX_VALUE;
    String sql =
        "SELECT "
            + COLUMNS
            + " FROM "
            + TABLE
            + " WHERE first_seq > ? AND first_seq <= ?"
            + (byTime ? " AND max_time_us >= ? AND min_time_us < ?" : "")
            + " ORDER BY first_seq LIMIT "
            + SCAN_CHUNK;
    long from = Long.MIN_VALUE;
    try (Connection c = dataSource.getConnection();
        PreparedStatement p = c.prepareStatement(sql)) {
      while (true) {
        p.setLong(1, from);
        p.setLong(2, upTo);
        if (byTime) {
          p.setLong(3, fromUs);
          p.setLong(4, toUs);
        }
        int rows = 0;
        try (ResultSet rs = p.executeQuery()) {
          while (rs.next()) {
            rows++;
            Block b = readBlock(rs);
            from = b.firstSeq();
            if (!visitor.visit(b)) {
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

  private static Block readBlock(ResultSet rs) throws SQLException {
    return new Block(
        rs.getLong(1),
        rs.getLong(2),
        rs.getLong(3),
        rs.getLong(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7));
  }

  /**
   * The i-th entry of a block, read back for queries and export.
   *
   * @throws WardenException {@code INTERNAL} when it does not read back: the log was edited, and
   *     verify says where
   */
  private static AuditEntry entryAt(Block b, List<String> lines, List<String> hashes, int i) {
    try {
      EntryParser.Parsed parsed = EntryParser.parse(lines.get(i));
      String prev = i == 0 ? b.prevHash() : hashes.get(i - 1);
      return new AuditEntry(parsed.seq(), parsed.event(), prev, hashes.get(i));
    } catch (RuntimeException e) {
      throw new WardenException(
          ErrorCode.INTERNAL,
          "audit entry "
              + (b.firstSeq() + i)
              + " does not read back ("
              + e.getMessage()
              + "); the log was changed outside Warden: run verify",
          List.of(),
          e);
    }
  }

  /** {@code text} as a LIKE pattern matching itself, with {@code !} as the escape character. */
  private static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
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
        Long.MIN_VALUE,
        Long.MAX_VALUE,
        b -> {
          List<String> lines = b.entryLines();
          List<String> hashes = b.hashLines();
          for (int i = 0; i < lines.size(); i++) {
            if (filter.test(entryAt(b, lines, hashes, i))) {
              n[0]++;
            }
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
