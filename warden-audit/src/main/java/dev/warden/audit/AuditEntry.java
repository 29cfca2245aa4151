package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import java.util.Objects;

/**
 * One stored audit entry: a decision, its place in the chain, and the chain's hashes.
 *
 * @param seq the sequence number, 1 for the first entry, one more for each entry after it
 * @param event the decision; its time is kept to the microsecond
 * @param prevHash the hash of entry {@code seq - 1} ({@link CanonicalForm#GENESIS} for the first)
 * @param hash SHA-256 over {@code prevHash} and the entry's {@link CanonicalForm}, lowercase hex
 */
public record AuditEntry(long seq, DecisionEvent event, String prevHash, String hash) {

  public AuditEntry {
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }

  /**
   * The entry as one JSON object: its canonical form followed by {@code prev_hash} and {@code
   * hash}.
   */
  public String toJson() {
    StringBuilder out = new StringBuilder(512);
    CanonicalForm.appendFields(out, seq, event);
    out.append(",\"prev_hash\":\"").append(prevHash).append("\",\"hash\":\"").append(hash);
    return out.append("\"}").toString();
  }
}
