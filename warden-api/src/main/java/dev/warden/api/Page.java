package dev.warden.api;

import java.util.List;

/**
 * One page of results.
 *
 * @param items the results, in the store's stable order
 * @param nextCursor opaque cursor for the next page, or null when this is the last page
 * @param revision the revision the page was read at
 */
public record Page<T>(List<T> items, String nextCursor, long revision) {
  public Page {
    items = List.copyOf(items);
  }
}
