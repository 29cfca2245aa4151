/**
 * The in-memory relationship index that every check runs on.
 *
 * <p>Names are interned to small integers and grants are packed into {@code long}s, so that a
 * million grants fit in tens of megabytes and a lookup is a hash probe and a binary search:
 *
 * <pre>
 *   node key     = type(12) | relation(11) | object(40)       -- "Repository:gmail#admin"
 *   subject code = relation(11) | type(12) | object(40)       -- "User:larry", "Group:eng#member"
 *   entity key   = type(12) | object(40)                      -- attribute owner
 * </pre>
 *
 * A subject code puts the userset relation in the high bits, so in a node's sorted subject array
 * the plain subjects (relation 0, including wildcards) come first and usersets last.
 *
 * <p>Concurrency: one writer at a time under a {@link java.util.concurrent.locks.StampedLock};
 * readers use optimistic stamps and retry under the read lock when a write overlapped. Every
 * structure a reader touches is either immutable or swapped whole, and probe loops are bounded, so
 * an overlapping read can see stale data but never loops or corrupts anything.
 */
package dev.warden.store.index;
