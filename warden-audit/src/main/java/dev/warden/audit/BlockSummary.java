package dev.warden.audit;

/**
 * The sequence and time range of the entries verify read from a block, to hold against the range
 * the block's row claims: queries skip blocks by that claim, so it must be true.
 */
final class BlockSummary {

  private long firstSeq = -1;
  private long lastSeq = -1;
  private long minTimeUs = Long.MAX_VALUE;
  private long maxTimeUs = Long.MIN_VALUE;

  void add(long seq, long timeUs) {
    if (firstSeq < 0) {
      firstSeq = seq;
    }
    lastSeq = seq;
    minTimeUs = Math.min(minTimeUs, timeUs);
    maxTimeUs = Math.max(maxTimeUs, timeUs);
  }

  /** What the block's row claims wrongly about the entries added, or null when it is all true. */
  String disagreement(Block b) {
    if (firstSeq < 0) {
      return "the block claims entries " + b.firstSeq() + " to " + b.lastSeq() + " but holds none";
    }
    if (firstSeq != b.firstSeq() || lastSeq != b.lastSeq()) {
      return "the block claims entries "
          + b.firstSeq()
          + " to "
          + b.lastSeq()
          + " but holds "
          + firstSeq
          + " to "
          + lastSeq;
    }
    if (minTimeUs != b.minTimeUs() || maxTimeUs != b.maxTimeUs()) {
      return "the block claims times "
          + b.minTimeUs()
          + " to "
          + b.maxTimeUs()
          + " µs but its entries span "
          + minTimeUs
          + " to "
          + maxTimeUs;
    }
    return null;
  }
}
