package dev.warden.audit;

import java.security.MessageDigest;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * Walks stored entries in sequence order and stops at the first one that does not verify. Checks,
 * in this order, for each entry: that its sequence number is the next one (else an entry is missing
 * or moved), that the hash stored before it is the hash of the entry before it (else a block was
 * moved or replaced), that its stored hash is the hash of its line exactly as stored (else it was
 * edited). At the end the last hash must be the head checkpoint's (else the tail was cut off, or
 * the chain rewritten).
 */
final class ChainVerifier {

  private final AuditHead head;
  private final LongSupplier currentHeadSeq;
  private long latestHeadSeq = -1;
  private boolean reachedHead;
  private final MessageDigest digest = CanonicalForm.sha256();
  private long expectedSeq = 1;
  private String prevHash = CanonicalForm.GENESIS;
  private ChainBreak broken;

  /**
   * @param head the head read before the first entry
   * @param currentHeadSeq reads the head again: asked once, when entries follow the first head
   */
  ChainVerifier(AuditHead head, LongSupplier currentHeadSeq) {
    this.head = head;
    this.currentHeadSeq = currentHeadSeq;
  }

  /**
   * Whether the next stored entry is one to check; false once the chain is broken or complete. Past
   * the head read at the start an entry is either one appended since (the head has moved over it:
   * left for the next run) or one the log never wrote ({@link BreakKind#BEYOND_HEAD}).
   */
  boolean withinHead() {
    if (broken != null || reachedHead) {
      return false;
    }
    if (expectedSeq <= head.seq()) {
      return true;
    }
    if (latestHeadSeq < 0) {
      latestHeadSeq = currentHeadSeq.getAsLong();
    }
    if (expectedSeq <= latestHeadSeq) {
      reachedHead = true; // appended while verifying
      return false;
    }
    return fail(
        BreakKind.BEYOND_HEAD,
        "an entry is stored after entry "
            + (expectedSeq - 1)
            + " but the head checkpoint is "
            + latestHeadSeq
            + ": the audit log never writes past its head, so it was inserted outside it");
  }

  /**
   * Checks the next stored entry; false once the chain is broken (stop reading).
   *
   * @param seq the sequence number its line records
   * @param line the line as stored
   * @param storedPrevHash the hash stored before it (the previous line's, or the block's)
   * @param storedHash the hash stored for it
   */
  boolean accept(long seq, String line, String storedPrevHash, String storedHash) {
    if (!inSequence(seq)) {
      return false;
    }
    if (!storedPrevHash.equals(prevHash)) {
      return fail(
          BreakKind.PREVIOUS_HASH_MISMATCH,
          "its block records previous hash "
              + storedPrevHash
              + " but entry "
              + (expectedSeq - 1)
              + " hashes to "
              + prevHash);
    }
    String computed = CanonicalForm.hash(digest, prevHash, line);
    if (!computed.equals(storedHash)) {
      return fail(
          BreakKind.HASH_MISMATCH,
          "its content hashes to " + computed + " but the stored hash is " + storedHash);
    }
    prevHash = storedHash;
    expectedSeq++;
    return true;
  }

  /**
   * A block whose summary columns disagree with the entries it holds, which all verified: queries
   * that trust the summary could miss them.
   */
  boolean blockMismatch(long firstSeq, String detail) {
    if (broken != null) {
      return false;
    }
    broken = new ChainBreak(firstSeq, BreakKind.BLOCK_SUMMARY_MISMATCH, detail);
    return false;
  }

  /** The next stored entry cannot even be read back as an entry. */
  boolean malformed(String why) {
    if (broken != null) {
      return false;
    }
    return fail(BreakKind.HASH_MISMATCH, "the stored entry does not read back: " + why);
  }

  /** Whether the chain is unbroken so far and {@code seq} is the next number; fails if not. */
  private boolean inSequence(long seq) {
    if (broken != null) {
      return false;
    }
    if (seq == expectedSeq) {
      return true;
    }
    if (seq < expectedSeq) {
      return fail(
          BreakKind.SEQUENCE_GAP,
          "the entry is out of place: the next stored entry is " + seq + ", which came before");
    }
    long missing = seq - expectedSeq;
    return fail(
        BreakKind.SEQUENCE_GAP,
        (missing == 1 ? "the entry is missing" : missing + " entries are missing or moved")
            + ": the next stored entry is "
            + seq);
  }

  VerifyReport finish() {
    long checked = expectedSeq - 1;
    if (broken == null && checked < head.seq()) {
      long missing = head.seq() - checked;
      fail(
          BreakKind.TRUNCATED_TAIL,
          "the head checkpoint records "
              + head.seq()
              + " entries but the chain ends at "
              + checked
              + " ("
              + missing
              + (missing == 1 ? " entry" : " entries")
              + " missing at the end)");
    } else if (broken == null && !prevHash.equals(head.hash())) {
      expectedSeq = head.seq();
      fail(
          BreakKind.HEAD_MISMATCH,
          "the chain ends in hash "
              + prevHash
              + " but the head checkpoint records "
              + head.hash()
              + ": entries up to here were rewritten");
    }
    return new VerifyReport(checked, head.seq(), head.hash(), Optional.ofNullable(broken));
  }

  private boolean fail(BreakKind kind, String detail) {
    broken = new ChainBreak(expectedSeq, kind, detail);
    return false;
  }
}
