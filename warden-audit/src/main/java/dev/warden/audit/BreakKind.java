package dev.warden.audit;

/** Why the chain breaks at an entry. */
public enum BreakKind {
  /** The entry's stored hash is not the hash of its content: the entry was edited. */
  HASH_MISMATCH,
  /** An entry is missing or out of place: the sequence numbers do not continue with it. */
  SEQUENCE_GAP,
  /**
   * The hash stored before the entry is not the hash of the entry before it: the block holding it
   * was moved or replaced.
   */
  PREVIOUS_HASH_MISMATCH,
  /**
   * The entries verify, but the block holding them summarizes them wrongly (sequence or time
   * range), so queries relying on the summary could miss them: the block was edited.
   */
  BLOCK_SUMMARY_MISMATCH,
  /** The head checkpoint records more entries than are stored: the end was cut off. */
  TRUNCATED_TAIL,
  /** The chain is whole but ends in a hash other than the recorded head: it was rewritten. */
  HEAD_MISMATCH,
  /**
   * Entries are stored past the head checkpoint: the audit log never writes any there (the head
   * moves in the same transaction as every block), so they were inserted outside it.
   */
  BEYOND_HEAD,
  /**
   * The chain verifies, but the writer found blocks stored past the head checkpoint and moved them
   * aside to {@code warden_audit_foreign_block}: they stay evidence until an operator removes them.
   */
  FOREIGN_BLOCK;

  /** The kind as reports show it: {@code hash mismatch}. */
  public String label() {
    return name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }
}
