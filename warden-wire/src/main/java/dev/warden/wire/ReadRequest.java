package dev.warden.wire;

import dev.warden.api.GrantFilter;

/**
 * A request for one page of stored grants: {@code {filter?, cursor?, limit?}}. The API has no type
 * for it (the store reads a filter, a cursor and a limit), so the wire names the three together.
 *
 * @param filter the grants to read; {@link GrantFilter#ALL} when absent
 * @param cursor the previous page's next cursor, or null for the first page
 * @param limit the most grants to return, 1 to {@value #MAX_LIMIT}
 */
public record ReadRequest(GrantFilter filter, String cursor, int limit) {

  /** The most grants one page may hold. */
  public static final int MAX_LIMIT = 10_000;

  /** The page size when the request gives none. */
  public static final int DEFAULT_LIMIT = 1000;
}
