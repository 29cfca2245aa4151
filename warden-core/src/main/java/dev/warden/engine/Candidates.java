package dev.warden.engine;

/**
 * Objects that may have a relation, found by walking the graph backwards from the actor: {@code
 * sure} ones certainly do (reached only through unconditional grants, unions and inheritance),
 * {@code maybe} ones need a check, and {@code unbounded} means any object of the type might (an
 * attribute rule, or a userset that is itself unbounded), so every known object needs a check.
 */
final class Candidates {
  final LongSet sure = new LongSet();
  final LongSet maybe = new LongSet();
  boolean unbounded;

  static Candidates unboundedSet() {
    Candidates c = new Candidates();
    c.unbounded = true;
    return c;
  }

  void addSure(long object) {
    sure.add(object);
  }

  void addMaybe(long object) {
    if (!sure.contains(object)) {
      maybe.add(object);
    }
  }

  /** Adds an object reached through {@code via}: certain only if both steps are. */
  void add(long object, boolean certain) {
    if (certain) {
      addSure(object);
    } else {
      addMaybe(object);
    }
  }

  boolean contains(long object) {
    return sure.contains(object) || maybe.contains(object);
  }

  /** Everything of {@code other} joins this set (union). */
  void addAll(Candidates other) {
    unbounded |= other.unbounded;
    sure.addAll(other.sure);
    for (long o : other.maybe.toArray()) {
      addMaybe(o);
    }
  }

  /** Everything of {@code other}, demoted to maybe (an exclusion's base). */
  void addAllAsMaybe(Candidates other) {
    unbounded |= other.unbounded;
    for (long o : other.sure.toArray()) {
      addMaybe(o);
    }
    for (long o : other.maybe.toArray()) {
      addMaybe(o);
    }
  }

  boolean isEmpty() {
    return !unbounded && sure.isEmpty() && maybe.isEmpty();
  }

  /** A size that grows whenever the set does, to detect a fixpoint. */
  long weight() {
    return (unbounded ? 1L << 40 : 0) + 2L * sure.size() + maybe.size();
  }
}
