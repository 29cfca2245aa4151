package dev.warden.audit;

import dev.warden.api.WardenException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Page cursors. Opaque to callers; inside, the sequence number the next page starts below. A
 * version prefix leaves room to change that without misreading old cursors.
 */
final class Cursor {

  private static final String PREFIX = "a1:";

  private Cursor() {}

  static String encode(long belowSeq) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((PREFIX + belowSeq).getBytes(StandardCharsets.UTF_8));
  }

  /** The sequence number the next page starts below. */
  static long decode(String cursor) {
    try {
      String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (text.startsWith(PREFIX)) {
        long seq = Long.parseLong(text.substring(PREFIX.length()));
        if (seq > 0) {
          return seq;
        }
      }
    } catch (IllegalArgumentException e) {
      // NumberFormatException is one; fall through to the precise message
    }
    throw WardenException.invalid("`" + cursor + "` is not a cursor this audit log issued");
  }
}
