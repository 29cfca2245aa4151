package dev.warden.api;

/**
 * How fresh the data behind an answer must be. Every answer carries the revision it was computed
 * at; {@link AtLeast} waits (bounded) until the index has applied that revision.
 */
public sealed interface Consistency {

  /** Whatever the index has applied now. */
  record Latest() implements Consistency {}

  /** At least the state after the write that returned {@code revision}. */
  record AtLeast(long revision) implements Consistency {
    public AtLeast {
      if (revision < 0) {
        throw WardenException.invalid("a revision cannot be negative");
      }
    }
  }

  /** The default: the latest applied state. */
  static Consistency latest() {
    return new Latest();
  }

  /** At least the given revision. */
  static Consistency atLeast(long revision) {
    return new AtLeast(revision);
  }
}
