package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Extends a chain entry by entry, as {@link CanonicalForm} defines it, keeping the previous hash as
 * raw bytes so a batch does not parse hex back for every entry. Not thread-safe: one per append.
 */
final class ChainHasher {

  private static final HexFormat HEX = HexFormat.of();

  private final MessageDigest digest = CanonicalForm.sha256();
  private byte[] prev;
  private String prevHex;

  ChainHasher(String prevHex) {
    this.prev = HEX.parseHex(prevHex);
    this.prevHex = prevHex;
  }

  /** The hash of the last entry hashed (or the starting one). */
  String prevHex() {
    return prevHex;
  }

  /** Hashes entry {@code seq} after the previous one, which it becomes; returns its hash. */
  String next(long seq, DecisionEvent event) {
    digest.update(prev);
    digest.update(CanonicalForm.of(seq, event).getBytes(StandardCharsets.UTF_8));
    prev = digest.digest();
    prevHex = HEX.formatHex(prev);
    return prevHex;
  }
}
