package dev.warden.engine;

/**
 * What a lookup collects per relation: elements that certainly hold, elements that need a check,
 * and whether any element at all might hold ({@code unbounded}). Resource candidates and subject
 * sets differ only in what an element carries, so both lookups share one walk of the combinators
 * ({@link Expansion}) and one fixpoint ({@link Fixpoint}). A set is never changed once a step has
 * returned it, so a step may pass on its child's set instead of copying it.
 */
interface Lattice<S extends Lattice<S>> {

  /** Whether any element of the type might hold, so every known one needs a check. */
  boolean unbounded();

  boolean isEmpty();

  /** A size that grows whenever the set does, to detect a fixpoint. */
  long weight();

  /** Everything of {@code other} joins this set (union). */
  void addAll(S other);

  /** Everything of {@code other}, demoted to needing a check (an exclusion's base). */
  void addAllAsMaybe(S other);

  /** A new set of the elements of two bounded sets found in both, certain where both are. */
  S both(S other);
}
