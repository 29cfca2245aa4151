package dev.warden.audit;

import java.util.Arrays;
import java.util.List;

/**
 * One stored block: the entries of one committed batch, as a row of the block table holds them.
 * Entries and hashes are one line each, oldest first, the i-th hash belonging to the i-th entry;
 * the other fields summarize the lines so queries can skip blocks without reading them.
 *
 * @param firstSeq the sequence number of the first entry
 * @param lastSeq the sequence number of the last entry
 * @param minTimeUs the earliest decision time in the block, microseconds since the epoch
 * @param maxTimeUs the latest decision time in the block
 * @param prevHash the hash of the entry before the first one
 * @param entries each entry's {@link CanonicalForm}, one a line
 * @param hashes each entry's hash, 64 hex digits, one a line
 */
record Block(
    long firstSeq,
    long lastSeq,
    long minTimeUs,
    long maxTimeUs,
    String prevHash,
    String entries,
    String hashes) {

  /** Separates lines; the canonical form escapes every newline inside an entry. */
  static final char LINE = '\n';

  /** The entry lines, oldest first. */
  List<String> entryLines() {
    return lines(entries);
  }

  /** The hash lines, oldest first. */
  List<String> hashLines() {
    return lines(hashes);
  }

  private static List<String> lines(String text) {
    return text.isEmpty() ? List.of() : Arrays.asList(text.split(String.valueOf(LINE), -1));
  }
}
