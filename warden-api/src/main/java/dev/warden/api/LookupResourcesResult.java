package dev.warden.api;

import java.util.List;

/**
 * One page of a resource lookup.
 *
 * @param ids resource ids, sorted, at most the request's limit
 * @param nextCursor the cursor for the next page, or null when this is the last
 * @param revision the data revision the answer was computed at
 * @param residual when requested and the policy has one: resources whose attributes satisfy it are
 *     allowed too; null otherwise
 */
public record LookupResourcesResult(
    List<String> ids, String nextCursor, long revision, Residual residual) {
  public LookupResourcesResult {
    ids = List.copyOf(ids);
  }
}
