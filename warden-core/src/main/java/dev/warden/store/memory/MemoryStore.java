package dev.warden.store.memory;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Page;
import dev.warden.api.PageCursor;
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
import dev.warden.store.index.RelationshipIndex;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A store that lives only in memory: its storage is the {@link RelationshipIndex} the engine
 * evaluates on ({@link #index()}), so nothing is held twice. Keeps the most recent changes for
 * watchers, and policy versions. For tests, embedded use without durability, and as the reference
 * for the store contract.
 */
public final class MemoryStore implements TupleStore, PolicyStore {

  /** Changes retained for {@link #changes} by default. */
  public static final int DEFAULT_RETAINED_CHANGES = 65_536;

  /** Read cursors ({@link PageCursor}): the sort key of the last grant of a page. */
  private static final String CURSOR_TAG = "m1";

  private static final Comparator<Grant> ORDER = Comparator.comparing(MemoryStore::sortKey);

  private final RelationshipIndex index = new RelationshipIndex();
  private final Deque<Change> log = new ArrayDeque<>();
  private final int retained;
  private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
  private final List<PolicyVersion> policies = new ArrayList<>();
  private long activePolicy;
  private long oldestRetained = 1;
  private volatile boolean closed;

  public MemoryStore() {
    this(DEFAULT_RETAINED_CHANGES);
  }

  /** A store retaining at least the given number of recent changes for {@link #changes}. */
  public MemoryStore(int retainedChanges) {
    this.retained = Math.max(1, retainedChanges);
  }

  @Override
  public long revision() {
    return index.revision();
  }

  /** Always true: nothing outlives a memory store, so each one starts new. */
  @Override
  public boolean created() {
    return true;
  }

  @Override
  public long write(WriteBatch batch) {
    long revision = writeLocked(batch);
    tell(revision);
    return revision;
  }

  private void tell(long revision) {
    for (ChangeListener l : listeners) {
      l.committed(revision);
    }
  }

  private synchronized long writeLocked(WriteBatch batch) {
    requireOpen();
    long next = index.revision() + 1;
    List<Change> effects = BatchPlanner.plan(batch, next, new IndexState(index));
    if (effects.isEmpty()) {
      return index.revision();
    }
    index.apply(effects);
    remember(effects);
    return next;
  }

  private void remember(List<Change> effects) {
    log.addAll(effects);
    while (log.size() > retained) {
      long dropped = log.removeFirst().revision();
      // Never keep part of a batch: drop the rest of the oldest revision too.
      while (!log.isEmpty() && log.peekFirst().revision() == dropped) {
        log.removeFirst();
      }
      oldestRetained = dropped + 1;
    }
  }

  @Override
  public Page<Grant> read(GrantFilter filter, String cursor, int limit) {
    requireOpen();
    if (limit <= 0) {
      throw WardenException.invalid("a page limit must be positive");
    }
    String after = decodeCursor(cursor);
    List<Grant> matching;
    long revision;
    long stamp = index.readLock();
    try {
      revision = index.revision();
      matching = new IndexState(index).matching(filter);
    } finally {
      index.unlockRead(stamp);
    }
    if (after != null) {
      matching.removeIf(g -> sortKey(g).compareTo(after) <= 0);
    }
    matching.sort(ORDER);
    boolean more = matching.size() > limit;
    List<Grant> page = more ? matching.subList(0, limit) : matching;
    String next = more ? encodeCursor(sortKey(page.get(page.size() - 1))) : null;
    return new Page<>(page, next, revision);
  }

  private static String sortKey(Grant g) {
    return g.key().toString();
  }

  private static String encodeCursor(String key) {
    return PageCursor.encode(CURSOR_TAG, key);
  }

  private static String decodeCursor(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    return PageCursor.decode(cursor, CURSOR_TAG, 1)
        .map(parts -> parts.get(0))
        .orElseThrow(() -> WardenException.invalid("the cursor is not one this store issued"));
  }

  @Override
  public Map<String, Object> attributes(EntityRef entity) {
    requireOpen();
    long stamp = index.readLock();
    try {
      return new IndexState(index).attributes(entity);
    } finally {
      index.unlockRead(stamp);
    }
  }

  @Override
  public synchronized List<Change> changes(long afterRevision, int limit) {
    requireOpen();
    if (afterRevision + 1 < oldestRetained && afterRevision < index.revision()) {
      throw new ChangelogExpiredException(afterRevision, oldestRetained);
    }
    List<Change> out = new ArrayList<>();
    long batches = 0;
    long current = -1;
    for (Change c : log) {
      if (c.revision() <= afterRevision) {
        continue;
      }
      if (c.revision() != current) {
        if (batches == limit) {
          break;
        }
        batches++;
        current = c.revision();
      }
      out.add(c);
    }
    return out;
  }

  @Override
  public long scan(SnapshotVisitor visitor) {
    requireOpen();
    long stamp = index.readLock();
    try {
      index.forEachGrant(null, visitor::grant);
      index.forEachAttributes(visitor::attributes);
      return index.revision();
    } finally {
      index.unlockRead(stamp);
    }
  }

  @Override
  public Subscription subscribe(ChangeListener listener) {
    listeners.add(listener);
    return () -> listeners.remove(listener);
  }

  @Override
  public PolicyVersion savePolicy(String source, boolean activate) {
    PolicyVersion v;
    long revision = 0;
    synchronized (this) {
      requireOpen();
      v = new PolicyVersion(policies.size() + 1L, source, Instant.now());
      policies.add(v);
      if (activate) {
        revision = activateLocked(v.version());
      }
    }
    if (activate) {
      tell(revision);
    }
    return v;
  }

  @Override
  public PolicyVersion activatePolicy(long version) {
    long revision;
    PolicyVersion v;
    synchronized (this) {
      requireOpen();
      if (version < 1 || version > policies.size()) {
        throw WardenException.invalid("there is no policy version " + version);
      }
      v = policies.get((int) version - 1);
      revision = activateLocked(version);
    }
    tell(revision);
    return v;
  }

  /** Commits the activation as a revision of its own, through the index like any write. */
  private long activateLocked(long version) {
    long next = index.revision() + 1;
    activePolicy = version;
    List<Change> effects = List.of(new Change.PolicyActivated(next, version));
    index.apply(effects);
    remember(effects);
    return next;
  }

  @Override
  public synchronized Optional<PolicyVersion> policyVersion(long version) {
    requireOpen();
    return version < 1 || version > policies.size()
        ? Optional.empty()
        : Optional.of(policies.get((int) version - 1));
  }

  @Override
  public synchronized Optional<PolicyVersion> activePolicy() {
    requireOpen();
    return activePolicy == 0 ? Optional.empty() : Optional.of(policies.get((int) activePolicy - 1));
  }

  @Override
  public synchronized List<PolicyVersion> policyVersions() {
    requireOpen();
    return List.copyOf(policies);
  }

  /**
   * The index this store keeps its grants in: an engine evaluates on it directly instead of loading
   * a copy (the {@code Warden} facade does so for a memory store). Changes reach it only through
   * this store's writes.
   */
  public RelationshipIndex index() {
    return index;
  }

  @Override
  public void close() {
    closed = true;
  }

  private void requireOpen() {
    if (closed) {
      throw new WardenException(ErrorCode.UNAVAILABLE, "the store is closed");
    }
  }
}
