package dev.warden.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Which resources of {@code resourceType} may {@code subject} do {@code action} on?"
 *
 * <p>The subject may be an entity, a userset or a wildcard, with the meaning a check gives it (see
 * {@link CheckRequest}).
 *
 * @param subject who acts: an entity, a userset or a wildcard
 * @param action a permission, role or relation of the resource type
 * @param resourceType the type of the resources to list
 * @param tenant only resources of this tenant (see docs/tenants.md), or null for all
 * @param actorAttributes just-in-time actor attributes
 * @param context request context for rules and conditions
 * @param contextualGrants grants that hold for this request only
 * @param residual true to return attribute rules over resource attributes as a {@link Residual}
 *     filter instead of listing every resource they allow (what retrieval filtering needs)
 * @param cursor where the previous page ended, or null for the first page
 * @param limit the most ids to return
 * @param consistency how fresh the data must be
 */
public record LookupResourcesRequest(
    SubjectRef subject,
    String action,
    String resourceType,
    String tenant,
    Map<String, Object> actorAttributes,
    Map<String, Object> context,
    List<Grant> contextualGrants,
    boolean residual,
    String cursor,
    int limit,
    Consistency consistency) {

  /** The largest page a lookup returns. */
  public static final int MAX_LIMIT = 100_000;

  public LookupResourcesRequest {
    Objects.requireNonNull(subject, "subject");
    Names.requireName(action, "action");
    Names.requireName(resourceType, "resource type");
    if (tenant != null) {
      Names.requireId(tenant, "tenant");
    }
    actorAttributes = copy(actorAttributes);
    context = copy(context);
    contextualGrants = List.copyOf(contextualGrants);
    if (limit < 1 || limit > MAX_LIMIT) {
      throw WardenException.invalid("a lookup limit must be between 1 and " + MAX_LIMIT);
    }
    Objects.requireNonNull(consistency, "consistency");
    CheckRequest.requireNoAttributes(subject, actorAttributes);
  }

  /** A lookup whose subject is an entity, as before subjects could be usersets. */
  public LookupResourcesRequest(
      EntityRef actor,
      String action,
      String resourceType,
      String tenant,
      Map<String, Object> actorAttributes,
      Map<String, Object> context,
      List<Grant> contextualGrants,
      boolean residual,
      String cursor,
      int limit,
      Consistency consistency) {
    this(
        SubjectRef.of(Objects.requireNonNull(actor, "actor")),
        action,
        resourceType,
        tenant,
        actorAttributes,
        context,
        contextualGrants,
        residual,
        cursor,
        limit,
        consistency);
  }

  /**
   * The acting entity.
   *
   * @throws IllegalStateException when the subject is a userset or a wildcard: read {@link
   *     #subject()} instead
   */
  public EntityRef actor() {
    return CheckRequest.actorOf(subject);
  }

  /** All resources of a type the actor may act on, first page of up to 1000. */
  public static LookupResourcesRequest of(EntityRef actor, String action, String resourceType) {
    return of(SubjectRef.of(actor), action, resourceType);
  }

  /** All resources of a type a userset, wildcard or entity subject may act on, first page. */
  public static LookupResourcesRequest of(SubjectRef subject, String action, String resourceType) {
    return new LookupResourcesRequest(
        subject,
        action,
        resourceType,
        null,
        Map.of(),
        Map.of(),
        List.of(),
        false,
        null,
        1000,
        Consistency.latest());
  }

  /** The same request for the page after {@code nextCursor}. */
  public LookupResourcesRequest page(String nextCursor, int pageLimit) {
    return new LookupResourcesRequest(
        subject,
        action,
        resourceType,
        tenant,
        actorAttributes,
        context,
        contextualGrants,
        residual,
        nextCursor,
        pageLimit,
        consistency);
  }

  /** The same request asking for a residual filter. */
  public LookupResourcesRequest withResidual() {
    return new LookupResourcesRequest(
        subject,
        action,
        resourceType,
        tenant,
        actorAttributes,
        context,
        contextualGrants,
        true,
        cursor,
        limit,
        consistency);
  }

  /** The same request limited to one tenant. */
  public LookupResourcesRequest inTenant(String tenantId) {
    return new LookupResourcesRequest(
        subject,
        action,
        resourceType,
        tenantId,
        actorAttributes,
        context,
        contextualGrants,
        residual,
        cursor,
        limit,
        consistency);
  }

  /** The same request with request-time data. */
  public LookupResourcesRequest with(
      Map<String, Object> newActorAttributes, Map<String, Object> newContext, List<Grant> grants) {
    return new LookupResourcesRequest(
        subject,
        action,
        resourceType,
        tenant,
        newActorAttributes,
        newContext,
        grants,
        residual,
        cursor,
        limit,
        consistency);
  }

  static Map<String, Object> copy(Map<String, Object> m) {
    return m == null || m.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }
}
