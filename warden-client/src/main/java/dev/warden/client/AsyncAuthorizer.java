package dev.warden.client;

import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.Explanation;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@link dev.warden.api.Authorizer} without blocking: each question answers with a future that
 * completes with the same value the synchronous method returns, or exceptionally with the same
 * {@link WardenClientException} it throws. No thread waits while a request is in flight or between
 * retries.
 */
public interface AsyncAuthorizer {

  /** May the actor do the action on the resource? */
  CompletableFuture<Decision> checkAsync(CheckRequest request);

  /** Many checks, answered in order. */
  CompletableFuture<List<Decision>> checkBulkAsync(List<CheckRequest> requests);

  /** The decision with the tree of grants and rules that produced it. */
  CompletableFuture<Explanation> explainAsync(CheckRequest request);

  /** The resources of a type the actor may act on, one page at a time. */
  CompletableFuture<LookupResourcesResult> lookupResourcesAsync(LookupResourcesRequest request);

  /** The subjects that may act on a resource, with the grants that gave each access. */
  CompletableFuture<LookupSubjectsResult> lookupSubjectsAsync(LookupSubjectsRequest request);
}
