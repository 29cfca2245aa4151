package dev.warden.store;

/**
 * Told that a store has committed up to a revision. A hint only: listeners read the changes
 * themselves with {@link TupleStore#changes}, so a missed or repeated call loses nothing. Called on
 * the store's threads; implementations return quickly and never throw.
 */
@FunctionalInterface
public interface ChangeListener {

  /** Revisions up to {@code revision} are committed and readable. */
  void committed(long revision);
}
