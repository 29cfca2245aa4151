package dev.warden.store.sql;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Page;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.store.BatchPlanner;
import dev.warden.store.ChangeListener;
import dev.warden.store.ChangelogExpiredException;
import dev.warden.store.PolicyStore;
import dev.warden.store.PolicyVersion;
import dev.warden.store.SnapshotVisitor;
import dev.warden.store.Subscription;
import dev.warden.store.TupleStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The store SPI over JDBC, for the schema both SQL stores share (see their Flyway migrations):
 *
 * <pre>
 *   warden_meta        one row: the last committed revision, the changelog floor, the active policy
 *   warden_grants      one row per grant, keyed by its six key columns
 *   warden_attributes  one row per entity with attributes (JSON text)
 *   warden_changes     the changelog: (revision, seq) → one effect of a committed batch, or a
 *                      policy activation (kind P, the version in payload)
 *   warden_policies    saved policy sources by version
 * </pre>
 *
 * <p>A write locks the meta row first (SQLite: the database write lock taken by {@code BEGIN
 * IMMEDIATE}; PostgreSQL: {@code SELECT ... FOR UPDATE}), so writers are serialized and revisions
 * are assigned in commit order: a reader that sees revision {@code r} sees every revision below it.
 * Planning runs the shared {@link BatchPlanner} against the state read in the same transaction,
 * then the net effects are written to the grants, the attributes and the changelog together.
 *
 * <p>Subclasses provide the transactions (connections, isolation, locking) and may announce commits
 * to other processes.
 */
public abstract class JdbcTupleStore implements TupleStore, PolicyStore {

  private static final Logger LOG = Logger.getLogger(JdbcTupleStore.class.getName());

  private static final String UPSERT_GRANT =
      "INSERT INTO warden_grants ("
          + Rows.GRANT
          + ", revision) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT ("
          + Rows.KEY
          + ") DO UPDATE SET condition_name = excluded.condition_name,"
          + " condition_context = excluded.condition_context, revision = excluded.revision";
  private static final String DELETE_GRANT = "DELETE FROM warden_grants WHERE " + Rows.KEY_MATCH;
  private static final String UPSERT_ATTRIBUTES =
      "INSERT INTO warden_attributes (entity_type, entity_id, attributes, revision)"
          + " VALUES (?, ?, ?, ?) ON CONFLICT (entity_type, entity_id) DO UPDATE SET"
          + " attributes = excluded.attributes, revision = excluded.revision";
  private static final String DELETE_ATTRIBUTES =
      "DELETE FROM warden_attributes WHERE entity_type = ? AND entity_id = ?";
  private static final String INSERT_CHANGE =
      "INSERT INTO warden_changes (revision, seq, kind, "
          + Rows.KEY
          + ", condition_name, payload) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String CHANGE_COLUMNS =
      "revision, kind, " + Rows.KEY + ", condition_name, payload";

  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  protected JdbcTupleStore() {}

  // ---------------------------------------------------------------- what subclasses provide

  /**
   * Runs the work in a write transaction and commits it; rolls back when the work throws. The
   * transaction must be able to lock the meta row with {@link #lockMetaSql()}.
   */
  protected abstract <T> T inWriteTransaction(SqlWork<T> work);

  /** Runs the work in a read-only transaction that sees one consistent snapshot. */
  protected abstract <T> T inReadTransaction(SqlWork<T> work);

  /** Reads the meta row's revision, locking the row against other writers until commit. */
  protected abstract String lockMetaSql();

  /** The SQL function that makes a character from its code: {@code char} or {@code chr}. */
  protected abstract String charFunction();

  /** Called inside the write transaction of a new revision, before commit. */
  protected void announce(Connection c, long revision) throws SQLException {}

  /** Releases connections; called once by {@link #close}. */
  protected abstract void release();

  // ---------------------------------------------------------------- writes

  @Override
  public long revision() {
    requireOpen();
    return inReadTransaction(JdbcTupleStore::currentRevision);
  }

  private static long currentRevision(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT revision FROM warden_meta WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new WardenException(ErrorCode.INTERNAL, "the store's meta row is missing");
      }
      return rs.getLong(1);
    }
  }

  @Override
  public long write(WriteBatch batch) {
    requireOpen();
    long revision = inWriteTransaction(c -> writeLocked(c, batch));
    tell(revision);
    return revision;
  }

  private long writeLocked(Connection c, WriteBatch batch) throws SQLException {
    long current = lockMeta(c);
    long next = current + 1;
    List<Change> effects;
    try (TransactionState state = new TransactionState(c)) {
      effects = BatchPlanner.plan(batch, next, state);
    }
    if (effects.isEmpty()) {
      return current;
    }
    persist(c, effects, next);
    try (PreparedStatement s =
        c.prepareStatement("UPDATE warden_meta SET revision = ? WHERE id = 1")) {
      s.setLong(1, next);
      s.executeUpdate();
    }
    announce(c, next);
    return next;
  }

  private long lockMeta(Connection c) throws SQLException {
    try (PreparedStatement s = c.prepareStatement(lockMetaSql());
        ResultSet rs = s.executeQuery()) {
      if (!rs.next()) {
        throw new WardenException(ErrorCode.INTERNAL, "the store's meta row is missing");
      }
      return rs.getLong(1);
    }
  }

  private static void persist(Connection c, List<Change> effects, long revision)
      throws SQLException {
    try (PreparedStatement upsert = c.prepareStatement(UPSERT_GRANT);
        PreparedStatement delete = c.prepareStatement(DELETE_GRANT);
        PreparedStatement setAttributes = c.prepareStatement(UPSERT_ATTRIBUTES);
        PreparedStatement deleteAttributes = c.prepareStatement(DELETE_ATTRIBUTES);
        PreparedStatement log = c.prepareStatement(INSERT_CHANGE)) {
      int seq = 0;
      for (Change change : effects) {
        log.setLong(1, revision);
        log.setInt(2, seq++);
        if (change instanceof Change.GrantWritten w) {
          Grant g = w.grant();
          Rows.bindCondition(upsert, Rows.bindKey(upsert, 1, g), g.condition());
          upsert.setLong(9, revision);
          upsert.addBatch();
          log.setString(3, "W");
          Rows.bindCondition(log, Rows.bindKey(log, 4, g), g.condition());
        } else if (change instanceof Change.GrantDeleted d) {
          Rows.bindKey(delete, 1, d.grant());
          delete.addBatch();
          log.setString(3, "D");
          Rows.bindCondition(log, Rows.bindKey(log, 4, d.grant()), d.grant().condition());
        } else if (change instanceof Change.AttributesSet a) {
          bindAttributes(setAttributes, deleteAttributes, a, revision);
          log.setString(3, "A");
          log.setString(4, a.entity().type());
          log.setString(5, a.entity().id());
          for (int i = 6; i <= 10; i++) {
            log.setString(i, null);
          }
          log.setString(11, Json.write(a.attributes()));
        } else if (change instanceof Change.PolicyActivated p) {
          bindActivation(log, p);
        }
        log.addBatch();
      }
      upsert.executeBatch();
      delete.executeBatch();
      setAttributes.executeBatch();
      deleteAttributes.executeBatch();
      log.executeBatch();
    }
  }

  /** An activation row: no entity (the key columns are not null, so empty), the version. */
  private static void bindActivation(PreparedStatement log, Change.PolicyActivated p)
      throws SQLException {
    log.setString(3, "P");
    log.setString(4, "");
    log.setString(5, "");
    for (int i = 6; i <= 10; i++) {
      log.setString(i, null);
    }
    log.setString(11, Long.toString(p.version()));
  }

  private static void bindAttributes(
      PreparedStatement set, PreparedStatement delete, Change.AttributesSet a, long revision)
      throws SQLException {
    if (a.attributes().isEmpty()) {
      delete.setString(1, a.entity().type());
      delete.setString(2, a.entity().id());
      delete.addBatch();
      return;
    }
    set.setString(1, a.entity().type());
    set.setString(2, a.entity().id());
    set.setString(3, Json.write(a.attributes()));
    set.setLong(4, revision);
    set.addBatch();
  }

  // ---------------------------------------------------------------- reads

  @Override
  public Page<Grant> read(GrantFilter filter, String cursor, int limit) {
    requireOpen();
    if (limit <= 0) {
      throw WardenException.invalid("a page limit must be positive");
    }
    List<String> after = Cursors.decode(cursor);
    return inReadTransaction(
        c -> {
          long revision = currentRevision(c);
          if (!filter.hasValidIds()) {
            return new Page<>(List.of(), null, revision);
          }
          Filters f = Filters.of(filter);
          String sql =
              "SELECT "
                  + Rows.GRANT
                  + " FROM warden_grants WHERE "
                  + f.where()
                  + (after == null ? "" : " AND (" + Rows.KEY + ") > (?, ?, ?, ?, ?, ?)")
                  + " ORDER BY "
                  + Rows.KEY
                  + " LIMIT ?";
          List<Grant> items = new ArrayList<>();
          try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = f.bind(s, 1);
            if (after != null) {
              for (String part : after) {
                s.setString(i++, part);
              }
            }
            s.setInt(i, limit + 1);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                items.add(Rows.grant(rs, 1));
              }
            }
          }
          boolean more = items.size() > limit;
          List<Grant> page = more ? items.subList(0, limit) : items;
          return new Page<>(page, more ? Cursors.encode(page.get(limit - 1)) : null, revision);
        });
  }

  @Override
  public Map<String, Object> attributes(EntityRef entity) {
    requireOpen();
    return inReadTransaction(c -> attributes(c, entity));
  }

  static Map<String, Object> attributes(Connection c, EntityRef entity) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT attributes FROM warden_attributes WHERE entity_type = ? AND entity_id = ?")) {
      s.setString(1, entity.type());
      s.setString(2, entity.id());
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Json.read(rs.getString(1)) : Map.of();
      }
    }
  }

  @Override
  public List<Change> changes(long afterRevision, int limit) {
    requireOpen();
    if (limit <= 0) {
      throw WardenException.invalid("a change limit must be positive");
    }
    return inReadTransaction(
        c -> {
          long floor = changelogFloor(c);
          if (afterRevision < floor) {
            throw new ChangelogExpiredException(afterRevision, floor + 1);
          }
          long upTo = lastRevisionOf(c, afterRevision, limit);
          List<Change> out = new ArrayList<>();
          if (upTo <= afterRevision) {
            return out;
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT "
                      + CHANGE_COLUMNS
                      + " FROM warden_changes WHERE revision > ? AND revision <= ?"
                      + " ORDER BY revision, seq")) {
            s.setLong(1, afterRevision);
            s.setLong(2, upTo);
            s.setFetchSize(1000);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                out.add(change(rs));
              }
            }
          }
          return out;
        });
  }

  private static long changelogFloor(Connection c) throws SQLException {
    try (PreparedStatement s =
            c.prepareStatement("SELECT changelog_floor FROM warden_meta WHERE id = 1");
        ResultSet rs = s.executeQuery()) {
      return rs.next() ? rs.getLong(1) : 0;
    }
  }

  /**
   * The last revision of the first {@code limit} batches after {@code after}; {@code after} if
   * none.
   */
  private static long lastRevisionOf(Connection c, long after, int limit) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT MAX(revision) FROM (SELECT DISTINCT revision FROM warden_changes"
                + " WHERE revision > ? ORDER BY revision LIMIT ?) AS batches")) {
      s.setLong(1, after);
      s.setInt(2, limit);
      try (ResultSet rs = s.executeQuery()) {
        long max = rs.next() ? rs.getLong(1) : 0;
        return rs.wasNull() ? after : max;
      }
    }
  }

  private static Change change(ResultSet rs) throws SQLException {
    long revision = rs.getLong(1);
    String kind = rs.getString(2);
    if (kind.equals("P")) {
      return new Change.PolicyActivated(revision, Long.parseLong(rs.getString(10)));
    }
    if (kind.equals("A")) {
      return new Change.AttributesSet(
          revision, new EntityRef(rs.getString(3), rs.getString(4)), Json.read(rs.getString(10)));
    }
    Grant g = Rows.grant(rs, 3);
    return kind.equals("W")
        ? new Change.GrantWritten(revision, g)
        : new Change.GrantDeleted(revision, g);
  }

  @Override
  public long scan(SnapshotVisitor visitor) {
    requireOpen();
    return inReadTransaction(
        c -> {
          long revision = currentRevision(c);
          try (PreparedStatement s =
              c.prepareStatement("SELECT " + Rows.packed(charFunction()) + " FROM warden_grants")) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                visitor.grant(Rows.unpack(rs.getString(1)));
              }
            }
          }
          try (PreparedStatement s =
              c.prepareStatement(
                  "SELECT entity_type, entity_id, attributes FROM warden_attributes")) {
            s.setFetchSize(10_000);
            try (ResultSet rs = s.executeQuery()) {
              while (rs.next()) {
                visitor.attributes(
                    new EntityRef(rs.getString(1), rs.getString(2)), Json.read(rs.getString(3)));
              }
            }
          }
          return revision;
        });
  }

  // ---------------------------------------------------------------- subscriptions

  @Override
  public Subscription subscribe(ChangeListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  /** Tells every listener that revisions up to {@code revision} are committed. */
  protected final void tell(long revision) {
    for (ChangeListener l : listeners) {
      try {
        l.committed(revision);
      } catch (RuntimeException e) {
        LOG.log(Level.WARNING, "a change listener failed", e);
      }
    }
  }

  // ---------------------------------------------------------------- policy versions

  @Override
  public PolicyVersion savePolicy(String source, boolean activate) {
    requireOpen();
    Activation a =
        inWriteTransaction(
            c -> {
              long current = lockMeta(c);
              long version;
              try (PreparedStatement s =
                      c.prepareStatement("SELECT COALESCE(MAX(version), 0) FROM warden_policies");
                  ResultSet rs = s.executeQuery()) {
                rs.next();
                version = rs.getLong(1) + 1;
              }
              PolicyVersion v =
                  new PolicyVersion(
                      version, source, Instant.ofEpochMilli(System.currentTimeMillis()));
              try (PreparedStatement s =
                  c.prepareStatement(
                      "INSERT INTO warden_policies (version, source, saved_at) VALUES (?, ?, ?)")) {
                s.setLong(1, v.version());
                s.setString(2, v.source());
                s.setLong(3, v.savedAt().toEpochMilli());
                s.executeUpdate();
              }
              return new Activation(v, activate ? commitActivation(c, current, version) : 0);
            });
    if (a.revision() > 0) {
      tell(a.revision());
    }
    return a.version();
  }

  @Override
  public PolicyVersion activatePolicy(long version) {
    requireOpen();
    Activation a =
        inWriteTransaction(
            c -> {
              long current = lockMeta(c);
              PolicyVersion v =
                  policy(c, version)
                      .orElseThrow(
                          () -> WardenException.invalid("there is no policy version " + version));
              return new Activation(v, commitActivation(c, current, version));
            });
    tell(a.revision());
    return a.version();
  }

  /** A saved version and the revision that activated it (0: not activated). */
  private record Activation(PolicyVersion version, long revision) {}

  /**
   * Activates the version as the next revision, whose one change says so; called with the meta row
   * locked at {@code current}.
   */
  private long commitActivation(Connection c, long current, long version) throws SQLException {
    long next = current + 1;
    persist(c, List.of(new Change.PolicyActivated(next, version)), next);
    try (PreparedStatement s =
        c.prepareStatement("UPDATE warden_meta SET revision = ?, active_policy = ? WHERE id = 1")) {
      s.setLong(1, next);
      s.setLong(2, version);
      s.executeUpdate();
    }
    announce(c, next);
    return next;
  }

  @Override
  public Optional<PolicyVersion> policyVersion(long version) {
    requireOpen();
    return inReadTransaction(c -> policy(c, version));
  }

  @Override
  public Optional<PolicyVersion> activePolicy() {
    requireOpen();
    return inReadTransaction(
        c -> {
          try (PreparedStatement s =
                  c.prepareStatement("SELECT active_policy FROM warden_meta WHERE id = 1");
              ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
              return Optional.empty();
            }
            long version = rs.getLong(1);
            return rs.wasNull() ? Optional.empty() : policy(c, version);
          }
        });
  }

  @Override
  public List<PolicyVersion> policyVersions() {
    requireOpen();
    return inReadTransaction(
        c -> {
          List<PolicyVersion> out = new ArrayList<>();
          try (PreparedStatement s =
                  c.prepareStatement(
                      "SELECT version, source, saved_at FROM warden_policies ORDER BY version");
              ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              out.add(policyVersion(rs));
            }
          }
          return out;
        });
  }

  private static Optional<PolicyVersion> policy(Connection c, long version) throws SQLException {
    try (PreparedStatement s =
        c.prepareStatement(
            "SELECT version, source, saved_at FROM warden_policies WHERE version = ?")) {
      s.setLong(1, version);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? Optional.of(policyVersion(rs)) : Optional.empty();
      }
    }
  }

  private static PolicyVersion policyVersion(ResultSet rs) throws SQLException {
    return new PolicyVersion(rs.getLong(1), rs.getString(2), Instant.ofEpochMilli(rs.getLong(3)));
  }

  // ---------------------------------------------------------------- lifecycle and errors

  @Override
  public synchronized void close() {
    if (!closed) {
      closed = true;
      listeners.clear();
      release();
    }
  }

  protected final boolean isClosed() {
    return closed;
  }

  protected final void requireOpen() {
    if (closed) {
      throw new WardenException(ErrorCode.UNAVAILABLE, "the store is closed");
    }
  }

  /** A database failure as callers see it: the store is unavailable, nothing was written. */
  public static WardenException failed(SQLException e) {
    return new WardenException(
        ErrorCode.UNAVAILABLE,
        "the store failed: " + e.getMessage() + " (SQL state " + e.getSQLState() + ")",
        List.of(),
        e);
  }
}
