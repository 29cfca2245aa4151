package dev.warden.engine;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The sets of a lookup's relations, computed once per round. A relation met again inside its own
 * computation (nested groups, folder trees) gets the previous round's set, empty at first; rounds
 * repeat until no set grows, which reaches the least fixpoint because sets only grow.
 */
final class Fixpoint<S extends Lattice<S>> {
  /**
   * Rounds after which a lookup stops refining: sets that keep changing (a weight that goes down as
   * well as up) would otherwise never settle. The lookup then treats every object as a candidate,
   * each decided by the evaluator, so the answer stays exact and only costs more.
   */
  static final int MAX_ROUNDS = 64;

  private final Supplier<S> empty;
  private final Supplier<S> everything;
  private Map<Long, S> previous = new HashMap<>();
  private Map<Long, S> current = new HashMap<>();
  private final Set<Long> inProgress = new HashSet<>();
  private boolean cycle;

  /**
   * @param empty makes a new empty set
   * @param everything makes the unbounded set, the answer when the rounds do not settle
   */
  Fixpoint(Supplier<S> empty, Supplier<S> everything) {
    this.empty = empty;
    this.everything = everything;
  }

  /** Runs {@code round} until the sets it computes stop growing; returns the last result. */
  S solve(Supplier<S> round) {
    for (int rounds = 1; ; rounds++) {
      if (rounds > MAX_ROUNDS) {
        return everything.get();
      }
      cycle = false;
      current = new HashMap<>();
      S result = round.get();
      if (!cycle || !grew()) {
        return result;
      }
      previous = current;
    }
  }

  /**
   * The set of {@code key} when this round already has one (or is computing it: then the previous
   * round's); otherwise null, and the caller computes it and hands it to {@link #end}.
   */
  S begin(long key) {
    S done = current.get(key);
    if (done != null) {
      return done;
    }
    if (!inProgress.add(key)) {
      cycle = true;
      S partial = previous.get(key);
      return partial != null ? partial : empty.get();
    }
    return null;
  }

  /** Records the set computed for {@code key} after {@link #begin} returned null; returns it. */
  S end(long key, S computed) {
    inProgress.remove(key);
    current.put(key, computed);
    return computed;
  }

  private boolean grew() {
    for (Map.Entry<Long, S> e : current.entrySet()) {
      S before = previous.get(e.getKey());
      if (before == null || before.weight() != e.getValue().weight()) {
        return true;
      }
    }
    return false;
  }
}
