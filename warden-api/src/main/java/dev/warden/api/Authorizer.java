package dev.warden.api;

import java.util.List;

/**
 * Answers authorization questions. Implemented by the embedded engine and by the HTTP client, so an
 * application can switch between them without code changes.
 *
 * <p>Implementations fail closed: a decision allows only when the policy definitely grants; a
 * missing attribute or a condition that cannot be evaluated denies. Requests that are themselves
 * wrong (an action the resource's type does not declare, say) throw {@link WardenException}.
 */
public interface Authorizer {

  /** May the actor do the action on the resource? */
  Decision check(CheckRequest request);

  /** Many checks, answered in order, sharing work where they overlap. */
  List<Decision> checkBulk(List<CheckRequest> requests);

  /** The decision with the tree of grants and rules that produced it. */
  Explanation explain(CheckRequest request);

  /** The resources of a type the actor may act on, one page at a time. */
  LookupResourcesResult lookupResources(LookupResourcesRequest request);

  /** The subjects that may act on a resource, with the grants that gave each access. */
  LookupSubjectsResult lookupSubjects(LookupSubjectsRequest request);
}
