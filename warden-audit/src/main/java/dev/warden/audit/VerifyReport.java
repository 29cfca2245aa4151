package dev.warden.audit;

import java.util.Objects;
import java.util.Optional;

/**
 * What {@link AuditStore#verify()} found.
 *
 * @param checked entries read and verified up to the first break (all of them when intact)
 * @param headSeq the sequence number of the last entry according to the head checkpoint
 * @param headHash the hash of that entry according to the checkpoint
 * @param firstBreak the first entry at which the chain breaks, if any
 */
public record VerifyReport(
    long checked, long headSeq, String headHash, Optional<ChainBreak> firstBreak) {

  public VerifyReport {
    Objects.requireNonNull(headHash, "headHash");
    Objects.requireNonNull(firstBreak, "firstBreak");
  }

  /** Whether every entry up to the head verifies and none is missing. */
  public boolean intact() {
    return firstBreak.isEmpty();
  }

  /** One line for people. */
  public String summary() {
    return firstBreak
        .map(b -> "broken at " + b)
        .orElse("intact: " + checked + " entries, head " + headSeq + " " + headHash);
  }
}
