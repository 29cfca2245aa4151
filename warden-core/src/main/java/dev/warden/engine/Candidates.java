package dev.warden.engine;

/**
 * Objects that may have a relation, found by walking the graph backwards from the actor: {@code
 * sure} ones certainly do (reached only through unconditional grants, unions and inheritance),
 * {@code maybe} ones need a check, and {@code unbounded} means any object of the type might (an
 * attribute rule, or a userset that is itself unbounded), so every known object needs a check.
 */
final class Candidates implements Lattice<Candidates> {
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

  /** Adds an object, as certain or as possible (a condition may still exclude it). */
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

  @Override
  public boolean unbounded() {
    return unbounded;
  }

  @Override
  public void addAll(Candidates other) {
    unbounded |= other.unbounded;
    sure.addAll(other.sure);
    for (long o : other.maybe.toArray()) {
      addMaybe(o);
    }
  }

  @Override
  public void addAllAsMaybe(Candidates other) {
    unbounded |= other.unbounded;
    for (long o : other.sure.toArray()) {
      addMaybe(o);
    }
    for (long o : other.maybe.toArray()) {
      addMaybe(o);
    }
  }

  @Override
  public boolean isEmpty() {
    return !unbounded && sure.isEmpty() && maybe.isEmpty();
  }

  @Override
  public long weight() {
    return (unbounded ? 1L << 40 : 0) + 2L * sure.size() + maybe.size();
  }

  @Override
  public Candidates both(Candidates other) {
    Candidates out = new Candidates();
    for (long o : sure.toArray()) {
      if (other.sure.contains(o)) {
        out.addSure(o);
      } else if (other.maybe.contains(o)) {
        out.addMaybe(o);
      }
    }
    for (long o : maybe.toArray()) {
      if (other.contains(o)) {
        out.addMaybe(o);
      }
    }
    return out;
  }
}
