package dev.warden.audit;

/** Why the chain breaks at an entry. */
public enum BreakKind {
  /** The entry's stored hash is not the hash of its content: the entry was edited. */
  HASH_MISMATCH,
  /** An entry is missing: the sequence numbers jump over it. */
  SEQUENCE_GAP,
  /** The entry's previous hash is not the hash of the entry before it: moved or replaced. */
  PREVIOUS_HASH_MISMATCH,
  /** The head checkpoint records more entries than are stored: the end was cut off. */
  TRUNCATED_TAIL,
  /** The chain is whole but ends in a hash other than the recorded head: it was rewritten. */
  HEAD_MISMATCH;

  /** The kind as reports show it: {@code hash mismatch}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
