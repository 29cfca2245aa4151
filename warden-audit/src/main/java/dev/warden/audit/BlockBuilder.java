package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Extends the chain from a head, entry by entry, into one {@link Block}: each entry's canonical
 * line is hashed after the previous hash, as {@link CanonicalForm} defines. Keeps the previous hash
 * as raw bytes so a batch never parses hex back. Not thread-safe: one per append.
 */
final class BlockBuilder {

  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest digest = CanonicalForm.sha256();
  private final String startHash;
  private final long firstSeq;
  private final StringBuilder entries = new StringBuilder(1 << 16);
  private final StringBuilder hashes = new StringBuilder(1 << 14);
  private byte[] prev;
  private String prevHex;
  private long seq;
  private long minTimeUs = Long.MAX_VALUE;
  private long maxTimeUs = Long.MIN_VALUE;

  BlockBuilder(AuditHead head) {
    this.startHash = head.hash();
    this.prevHex = head.hash();
    this.prev = HEX.parseHex(head.hash());
    this.seq = head.seq();
    this.firstSeq = head.seq() + 1;
  }

  /** Appends the next entry, recording {@code event}. */
  void add(DecisionEvent event) {
    seq++;
    String line = CanonicalForm.of(seq, event);
    digest.update(prev);
    digest.update(line.getBytes(StandardCharsets.UTF_8));
    prev = digest.digest();
    prevHex = HEX.formatHex(prev);
    if (seq > firstSeq) {
      entries.append(Block.LINE);
      hashes.append(Block.LINE);
    }
    entries.append(line);
    hashes.append(prevHex);
    long time = CanonicalForm.micros(event.time());
    minTimeUs = Math.min(minTimeUs, time);
    maxTimeUs = Math.max(maxTimeUs, time);
  }

  /** The block of every entry added; at least one must have been. */
  Block build() {
    if (seq < firstSeq) {
      throw new IllegalStateException("an empty block");
    }
    return new Block(
        firstSeq, seq, minTimeUs, maxTimeUs, startHash, entries.toString(), hashes.toString());
  }

  /** The head after the last entry added. */
  AuditHead head() {
    return new AuditHead(seq, prevHex);
  }
}
