package dev.warden.store.sql;

import dev.warden.api.Grant;
import dev.warden.api.PageCursor;
import dev.warden.api.WardenException;
import java.util.List;

/** Read cursors ({@link PageCursor}): the six key parts of the last grant of a page. */
final class Cursors {

  /** SQL stores' read cursors, version 2 (version 1 had no colon after its tag). */
  private static final String TAG = "g2";

  private Cursors() {}

  static String encode(Grant last) {
    return PageCursor.encode(
        TAG,
        last.resource().type(),
        last.resource().id(),
        last.relation(),
        last.subject().type(),
        last.subject().id(),
        last.subject().relation() == null ? "" : last.subject().relation());
  }

  /** The six key parts after which a page continues, or null for the first page. */
  static List<String> decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    return PageCursor.decode(cursor, TAG, 6)
        .orElseThrow(() -> WardenException.invalid("the cursor is not one this store issued"));
  }
}
