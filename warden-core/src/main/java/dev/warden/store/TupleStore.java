package dev.warden.store;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.GrantFilter;
import dev.warden.api.Page;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.util.List;
import java.util.Map;

/**
 * Storage of grants, entity attributes and their changelog. Implementations: in-memory (in this
 * module), SQLite and PostgreSQL (their own modules). A store validates shapes only (names and
 * ids); whether the policy allows a grant is checked above it, before the write.
 *
 * <p>Contract, checked by a shared test suite that every implementation runs:
 *
 * <ul>
 *   <li>{@link #write} is atomic: after it returns, every mutation holds; after it throws, none
 *       does. It returns a revision greater than every earlier one.
 *   <li>{@link #changes} returns exactly the effects of committed batches, in revision order.
 *   <li>{@link #read} pages in a stable order; a cursor from one page continues after its last item
 *       even if grants were written meanwhile.
 *   <li>Revisions are assigned in commit order: once a reader can see revision {@code r}, it can
 *       see every revision below {@code r}, so tailing {@link #changes} never skips a batch.
 *   <li>{@link #scan} visits a state that includes every change up to the revision it returns;
 *       changes are absolute (this grant now holds, that one no longer does, these attributes), so
 *       replaying {@link #changes} after that revision over the visited state yields the current
 *       state even when the scan saw some later changes too.
 * </ul>
 *
 * <p>Policy versions are kept by a {@link PolicyStore}, which every store here also is; their
 * activations appear in {@link #changes} as revisions of their own.
 */
public interface TupleStore extends AutoCloseable {

  /** The revision of the last committed batch; 0 for an empty store. */
  long revision();

  /**
   * Applies the batch atomically and returns its revision.
   *
   * @throws dev.warden.api.WardenException with {@code PRECONDITION_FAILED} when a precondition or
   *     a create fails; nothing is written then
   */
  long write(WriteBatch batch);

  /** Grants matching the filter, {@code limit} at most, after {@code cursor} (null: from start). */
  Page<dev.warden.api.Grant> read(GrantFilter filter, String cursor, int limit);

  /** The stored attributes of an entity; empty when it has none. */
  Map<String, Object> attributes(EntityRef entity);

  /**
   * Changes committed after {@code afterRevision}, in revision order; at most {@code limit}
   * batches' worth, never splitting a batch.
   *
   * @throws ChangelogExpiredException when {@code afterRevision} is older than the retained
   *     changelog; the caller must reload
   */
  List<Change> changes(long afterRevision, int limit);

  /**
   * Streams every grant and every entity's attributes to the visitor, without holding them all in
   * memory, and returns a revision {@code r} such that the visited state includes every change up
   * to {@code r} (see the class contract). Replicas bulk load their index with it; export uses it.
   *
   * @throws WardenException {@code UNAVAILABLE} when the store cannot be scanned
   */
  long scan(SnapshotVisitor visitor);

  /**
   * Registers a listener told after each commit (in this process, and for stores shared between
   * processes, in others as the store learns of them). A hint for prompt tailing: callers must
   * still poll, as a store may not notice every commit; a store that never tells returns {@link
   * Subscription#NONE}.
   */
  Subscription subscribe(ChangeListener listener);

  /**
   * True when opening this store created it: there was no data before (a new SQLite file, a new
   * PostgreSQL schema, any in-memory store). Only such a store may be seeded from files; an
   * existing one, even empty, keeps what it has, so a grant revoked there never comes back.
   */
  boolean created();

  /** Releases resources; further calls fail. */
  @Override
  void close();
}
