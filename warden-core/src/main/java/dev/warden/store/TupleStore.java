package dev.warden.store;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.store.index.RelationshipIndex;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
 * </ul>
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
   * @throws dev.warden.api.WardenException when {@code afterRevision} is older than the retained
   *     changelog; the caller must reload
   */
  List<Change> changes(long afterRevision, int limit);

  /**
   * The index this store keeps itself, when it is in-memory; the engine then evaluates on it
   * directly instead of loading a copy.
   */
  default Optional<RelationshipIndex> sharedIndex() {
    return Optional.empty();
  }

  /** Releases resources; further calls fail. */
  @Override
  void close();
}
