package dev.warden.audit;

import java.util.Objects;

/**
 * The first place the chain breaks.
 *
 * @param seq the sequence number of the first entry that is missing or does not verify
 * @param kind why
 * @param detail what was expected and what was found
 */
public record ChainBreak(long seq, BreakKind kind, String detail) {

  public ChainBreak {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  @Override
  public String toString() {
    return "entry " + seq + ": " + kind.label() + ": " + detail;
  }
}
