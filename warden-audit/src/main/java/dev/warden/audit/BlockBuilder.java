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
  private final BlockLines lines;
  private byte[] prev;
  private String prevHex;
  private long seq;

  BlockBuilder(AuditHead head) {
    this.lines = new BlockLines(head.hash());
    this.prevHex = head.hash();
    this.prev = HEX.parseHex(head.hash());
    this.seq = head.seq();
  }

  /** Appends the next entry, recording {@code event}. */
  void add(DecisionEvent event) {
    seq++;
    String line = CanonicalForm.of(seq, event);
    digest.update(prev);
    digest.update(line.getBytes(StandardCharsets.UTF_8));
    prev = digest.digest();
    prevHex = HEX.formatHex(prev);
    lines.add(seq, line, prevHex, CanonicalForm.micros(event.time()));
  }

  /** The block of every entry added; at least one must have been. */
  Block build() {
    return lines.build();
  }

  /** The head after the last entry added. */
  AuditHead head() {
    return new AuditHead(seq, prevHex);
  }
}
