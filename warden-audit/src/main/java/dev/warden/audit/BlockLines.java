package dev.warden.audit;

/**
 * Assembles one {@link Block} from entry lines and their hashes, in order: the one place that knows
 * how a block's text and summary are laid out. {@link BlockBuilder} feeds it lines it hashes
 * itself; the migration of older logs feeds it stored lines with their stored hashes.
 */
final class BlockLines {

  private final String prevHash;
  private final StringBuilder entries = new StringBuilder(1 << 16);
  private final StringBuilder hashes = new StringBuilder(1 << 14);
  private final BlockSummary summary = new BlockSummary();
  private int size;

  /** A block that continues the chain after {@code prevHash}. */
  BlockLines(String prevHash) {
    this.prevHash = prevHash;
  }

  /** Appends entry {@code seq}: its canonical line, its hash and its decision time. */
  void add(long seq, String line, String hash, long timeUs) {
    if (size++ > 0) {
      entries.append(Block.LINE);
      hashes.append(Block.LINE);
    }
    entries.append(line);
    hashes.append(hash);
    summary.add(seq, timeUs);
  }

  int size() {
    return size;
  }

  /** The block of every line added; at least one must have been. */
  Block build() {
    if (summary.isEmpty()) {
      throw new IllegalStateException("an empty block");
    }
    return new Block(
        summary.firstSeq(),
        summary.lastSeq(),
        summary.minTimeUs(),
        summary.maxTimeUs(),
        prevHash,
        entries.toString(),
        hashes.toString());
  }
}
