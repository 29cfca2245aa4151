package dev.warden.audit;

import dev.warden.api.PageCursor;
import dev.warden.api.WardenException;

/**
 * Audit page cursors ({@link PageCursor}): the sequence number the next page starts below. The tag
 * is the version this log has always written, so cursors issued before keep working.
 */
final class Cursor {

  private static final String TAG = "a1";

  private Cursor() {}

  static String encode(long belowSeq) {
    return PageCursor.encode(TAG, Long.toString(belowSeq));
  }

  /** The sequence number the next page starts below. */
  static long decode(String cursor) {
    try {
      long seq = Long.parseLong(PageCursor.decode(cursor, TAG, 1).orElseThrow().get(0));
      if (seq > 0) {
        return seq;
      }
    } catch (NumberFormatException | java.util.NoSuchElementException e) {
      // fall through to the precise message
    }
    throw WardenException.invalid("`" + cursor + "` is not a cursor this audit log issued");
  }
}
