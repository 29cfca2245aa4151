package dev.warden.audit;

/**
 * The sequence and time range of a run of entries, as a block row summarizes them: kept while a
 * block is assembled, and while verify reads one back, to hold against the range the row claims.
 * Queries skip blocks by that claim, so it must be true.
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

  boolean isEmpty() {
    return firstSeq < 0;
  }

  long firstSeq() {
    return firstSeq;
  }

  long lastSeq() {
    return lastSeq;
  }

  long minTimeUs() {
    return minTimeUs;
  }

  long maxTimeUs() {
    return maxTimeUs;
  }

  /** What the block's row claims wrongly about the entries added, or null when it is all true. */
  String disagreement(Block b) {
    if (isEmpty()) {
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
