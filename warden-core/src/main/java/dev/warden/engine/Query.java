package dev.warden.engine;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.SubjectRef;
import java.util.List;
import java.util.Map;

/**
 * What one evaluation is about, independent of the API call that asked: the actor with its
 * just-in-time attributes, the request context and contextual grants, and the one resource whose
 * just-in-time attributes override stored ones (null when none do).
 *
 * @param actor who acts: an entity, a userset or a wildcard
 * @param actorAttributes just-in-time actor attributes
 * @param resource the resource whose just-in-time attributes apply, or null
 * @param resourceAttributes those attributes; empty when {@code resource} is null
 * @param context request context
 * @param contextualGrants request-only grants (tenant placement included)
 */
record Query(
    SubjectRef actor,
    Map<String, Object> actorAttributes,
    EntityRef resource,
    Map<String, Object> resourceAttributes,
    Map<String, Object> context,
    List<Grant> contextualGrants) {

  static Query of(CheckRequest r, List<Grant> contextualGrants) {
    return new Query(
        r.subject(),
        r.actorAttributes(),
        r.resourceAttributes().isEmpty() ? null : r.resource(),
        r.resourceAttributes(),
        r.context(),
        contextualGrants);
  }

  /**
   * True when evaluations of this query and another may share memoized sub-results: the same actor
   * and request-time data, and no just-in-time resource attributes on either.
   */
  boolean sharesWith(Query other) {
    return resource == null
        && other.resource == null
        && actor.equals(other.actor)
        && same(actorAttributes, other.actorAttributes)
        && same(context, other.context)
        && same(contextualGrants, other.contextualGrants);
  }

  /** Equality with the common cases (one shared instance, both empty) answered first. */
  private static boolean same(Object a, Object b) {
    return a == b || a.equals(b);
  }
}
