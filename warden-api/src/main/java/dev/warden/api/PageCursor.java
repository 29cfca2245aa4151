package dev.warden.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The one encoding of page cursors, for every paged answer (lookups, store reads, the audit log):
 * base64url, without padding, of a tag naming who issued the cursor and its version, a colon, and
 * the key parts the next page continues after, joined by line breaks. Cursors are opaque to
 * callers; the tag lets an issuer refuse another's cursor, or an older version of its own, instead
 * of misreading it.
 *
 * <p>A part must not contain a line break; names and ids never do ({@link Names}).
 */
public final class PageCursor {

  private PageCursor() {}

  /** A cursor carrying {@code parts} under {@code tag}. */
  public static String encode(String tag, String... parts) {
    String text = tag + ":" + String.join("\n", parts);
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The {@code count} parts of a cursor issued under {@code tag}, or empty when the text is not
   * such a cursor; the issuer then refuses it with its own message.
   */
  public static Optional<List<String>> decode(String cursor, String tag, int count) {
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String prefix = tag + ":";
    if (!text.startsWith(prefix)) {
      return Optional.empty();
    }
    String[] parts = text.substring(prefix.length()).split("\n", -1);
    return parts.length == count ? Optional.of(List.of(parts)) : Optional.empty();
  }
}
