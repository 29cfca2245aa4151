package dev.warden.store.sql;

import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Opaque read cursors: the key of the last grant of a page. Names and ids never contain a line
 * break, so the six key parts are joined with one, after a version tag.
 */
final class Cursors {

  private static final String VERSION = "g1";

  private Cursors() {}

  static String encode(Grant last) {
    String text =
        String.join(
            "\n",
            VERSION,
            last.resource().type(),
            last.resource().id(),
            last.relation(),
            last.subject().type(),
            last.subject().id(),
            last.subject().relation() == null ? "" : last.subject().relation());
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** The six key parts after which a page continues, or null for the first page. */
  static List<String> decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    String text;
    try {
      text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw notOurs();
    }
    String[] parts = text.split("\n", -1);
    if (parts.length != 7 || !parts[0].equals(VERSION)) {
      throw notOurs();
    }
    return List.of(parts).subList(1, 7);
  }

  private static WardenException notOurs() {
    return WardenException.invalid("the cursor is not one this store issued");
  }
}
