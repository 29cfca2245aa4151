package dev.warden.audit;

import java.security.MessageDigest;
import java.util.Optional;

/**
 * Walks stored entries in sequence order and stops at the first one that does not verify. Checks,
 * in this order, for each entry: that its sequence number is the next one (else an entry is
 * missing), that its previous hash is the hash of the entry before it (else it was moved or
 * replaced), that its hash is the hash of its content (else it was edited). At the end the last
 * hash must be the head checkpoint's (else the tail was cut off, or the chain rewritten).
 */
final class ChainVerifier {

  private final AuditHead head;
  private final MessageDigest digest = CanonicalForm.sha256();
  private long expectedSeq = 1;
  private String prevHash = CanonicalForm.GENESIS;
  private ChainBreak broken;

  ChainVerifier(AuditHead head) {
    this.head = head;
  }

  /** Checks the next stored entry; false once the chain is broken (stop reading). */
  boolean accept(AuditEntry e) {
    if (!inSequence(e.seq())) {
      return false;
    }
    if (!e.prevHash().equals(prevHash)) {
      return fail(
          BreakKind.PREVIOUS_HASH_MISMATCH,
          "it records previous hash "
              + e.prevHash()
              + " but entry "
              + (expectedSeq - 1)
              + " hashes to "
              + prevHash);
    }
    String computed = CanonicalForm.hash(digest, prevHash, CanonicalForm.of(e.seq(), e.event()));
    if (!computed.equals(e.hash())) {
      return fail(
          BreakKind.HASH_MISMATCH,
          "its content hashes to " + computed + " but the stored hash is " + e.hash());
    }
    prevHash = e.hash();
    expectedSeq++;
    return true;
  }

  /** An entry at {@code seq} that cannot even be read back as an entry. */
  boolean malformed(long seq, String why) {
    if (!inSequence(seq)) {
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
    // INVARIANT: entries arrive in increasing seq order (the primary key), so seq > expectedSeq.
    long missing = seq - expectedSeq;
    return fail(
        BreakKind.SEQUENCE_GAP,
        (missing == 1 ? "the entry is missing" : missing + " entries are missing")
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
