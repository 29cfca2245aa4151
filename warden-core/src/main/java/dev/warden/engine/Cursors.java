package dev.warden.engine;

import dev.warden.api.LookupResourcesResult;
import dev.warden.api.PageCursor;
import dev.warden.api.Residual;
import dev.warden.api.WardenException;
import java.util.Collections;
import java.util.List;

/**
 * Paging of lookup results: ids in sorted order, the cursor an opaque encoding of the last id
 * returned, so a page is stable without server-side state.
 */
final class Cursors {

  /** Resource lookups' cursors, version 1. */
  private static final String TAG = "r1";

  private Cursors() {}

  /** The id a cursor continues after, or null for the first page. */
  static String decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return null;
    }
    return PageCursor.decode(cursor, TAG, 1)
        .map(parts -> parts.get(0))
        .orElseThrow(() -> WardenException.invalid("the cursor is not one Warden issued"));
  }

  static String encode(String lastId) {
    return PageCursor.encode(TAG, lastId);
  }

  /** The page of {@code ids} after {@code after}, at most {@code limit} long. */
  static LookupResourcesResult page(
      List<String> ids, String after, int limit, long revision, Residual residual) {
    Collections.sort(ids);
    int from = 0;
    if (after != null) {
      int i = Collections.binarySearch(ids, after);
      from = i >= 0 ? i + 1 : -i - 1;
    }
    int to = Math.min(ids.size(), from + limit);
    List<String> page = ids.subList(from, to);
    String next = to < ids.size() ? encode(page.get(page.size() - 1)) : null;
    return new LookupResourcesResult(page, next, revision, residual);
  }
}
