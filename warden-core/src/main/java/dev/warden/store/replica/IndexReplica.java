package dev.warden.store.replica;

import dev.warden.api.Change;
import dev.warden.store.ChangelogExpiredException;
import dev.warden.store.SnapshotVisitor;
import dev.warden.store.Subscription;
import dev.warden.store.TupleStore;
import dev.warden.store.index.IndexLoader;
import dev.warden.store.index.RelationshipIndex;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * An in-memory index kept current with a store that does not keep one itself.
 *
 * <pre>
 *   start:  store.scan ──► IndexLoader ──► index at revision r
 *   tail:   store.changes(index.revision()) ──► index.apply, batch by batch, in revision order
 *             woken by:  the store's subscription (a commit here or, for PostgreSQL, NOTIFY)
 *                        a poll every pollInterval (the fallback when a hint is lost)
 *                        catchUp() from a writer that wants to read its own write
 * </pre>
 *
 * One thread tails at a time (the tail lock), so batches are applied exactly in revision order.
 * Every index the replica loads is handed to {@code onIndex} before any change is applied to it:
 * the first one at start, and a fresh one when the store no longer keeps the changes the index
 * needs (the old one stays valid, but frozen, for reads in flight). That is where an engine adds
 * its {@link dev.warden.store.index.ActivationGate}, so it sees every policy activation tailed.
 */
public final class IndexReplica implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(IndexReplica.class.getName());

  /** Batches read per round trip while tailing. */
  static final int BATCHES_PER_READ = 256;

  private final TupleStore store;
  private final Consumer<RelationshipIndex> onIndex;
  private final ReentrantLock tailLock = new ReentrantLock();
  private final AtomicBoolean wakeupPending = new AtomicBoolean();
  private final ScheduledExecutorService tailer;
  private final Subscription subscription;
  private volatile RelationshipIndex index;
  private volatile RuntimeException lastFailure;

  private IndexReplica(
      TupleStore store,
      RelationshipIndex loaded,
      Duration pollInterval,
      Consumer<RelationshipIndex> onIndex) {
    this.store = store;
    this.index = loaded;
    this.onIndex = onIndex;
    onIndex.accept(loaded);
    this.tailer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "warden-index-tail");
              t.setDaemon(true);
              return t;
            });
    long pollMillis = Math.max(1, pollInterval.toMillis());
    // tailQuietly never throws, so the periodic task never stops and its future holds nothing.
    var unused =
        tailer.scheduleWithFixedDelay(
            this::tailQuietly, pollMillis, pollMillis, TimeUnit.MILLISECONDS);
    this.subscription = store.subscribe(revision -> nudge());
  }

  /**
   * Loads an index from the store and starts tailing it.
   *
   * @param onIndex called with the loaded index before tailing starts, and with each replacement
   *     after a reload (see the class comment)
   */
  public static IndexReplica start(
      TupleStore store, Duration pollInterval, Consumer<RelationshipIndex> onIndex) {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(onIndex, "onIndex");
    if (pollInterval.isNegative() || pollInterval.isZero()) {
      throw new IllegalArgumentException("the poll interval must be positive");
    }
    IndexReplica replica = new IndexReplica(store, load(store), pollInterval, onIndex);
    replica.catchUp();
    return replica;
  }

  /** A fresh index with the store's whole content, bulk loaded. */
  static RelationshipIndex load(TupleStore store) {
    RelationshipIndex fresh = new RelationshipIndex();
    IndexLoader loader = fresh.loader();
    long revision =
        store.scan(
            new SnapshotVisitor() {
              @Override
              public void grant(dev.warden.api.Grant grant) {
                loader.add(grant);
              }

              @Override
              public void attributes(dev.warden.api.EntityRef entity, Map<String, Object> values) {
                loader.attributes(entity, values);
              }
            });
    loader.finish(revision);
    return fresh;
  }

  /** The index, current up to its {@link RelationshipIndex#revision()}. */
  public RelationshipIndex index() {
    return index;
  }

  /** The last failure while tailing in the background, or null once tailing works again. */
  public RuntimeException lastFailure() {
    return lastFailure;
  }

  /**
   * Applies every change the store has committed by now, in this thread.
   *
   * @throws dev.warden.api.WardenException when the store fails
   */
  public void catchUp() {
    tailLock.lock();
    try {
      while (true) {
        List<Change> changes;
        try {
          changes = store.changes(index.revision(), BATCHES_PER_READ);
        } catch (ChangelogExpiredException e) {
          reload();
          continue;
        }
        if (changes.isEmpty()) {
          return;
        }
        index.apply(changes);
      }
    } finally {
      tailLock.unlock();
    }
  }

  /** Catches up in this thread unless the index already has {@code revision}. */
  public void catchUpTo(long revision) {
    if (index.revision() < revision) {
      catchUp();
    }
  }

  /** Asks the tailing thread to catch up soon; returns at once. */
  public void nudge() {
    if (wakeupPending.compareAndSet(false, true)) {
      try {
        tailer.execute(
            () -> {
              wakeupPending.set(false);
              tailQuietly();
            });
      } catch (java.util.concurrent.RejectedExecutionException e) {
        // Closed: nothing more to tail.
        wakeupPending.set(false);
      }
    }
  }

  private void reload() {
    LOG.info("the store no longer keeps the changes this index needs; reloading it");
    RelationshipIndex fresh = load(store);
    onIndex.accept(fresh);
    index = fresh;
  }

  private void tailQuietly() {
    try {
      catchUp();
      lastFailure = null;
    } catch (RuntimeException e) {
      if (lastFailure == null) {
        LOG.log(Level.WARNING, "tailing the store failed; retrying at the next poll", e);
      }
      lastFailure = e;
    }
  }

  @Override
  public void close() {
    subscription.close();
    tailer.shutdownNow();
  }
}
