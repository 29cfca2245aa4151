package dev.warden.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "Who of {@code subjectType} may do {@code action} on this resource, and through which grants?"
 *
 * @param action a permission, role or relation of the resource's type
 * @param resourceType the resource's type
 * @param resourceId the resource's id, or null to ask about any resource of the type: which
 *     subjects tenant-level (or type-wide) grants authorize
 * @param tenant the resource's tenant (see docs/tenants.md), or null
 * @param subjectType the type of subjects to list (an actor type)
 * @param subjectRelation null to list entities (and the wildcard) of {@code subjectType}; a
 *     relation of that type to list usersets {@code subjectType:id#subjectRelation} instead
 * @param context request context for rules and conditions
 * @param contextualGrants grants that hold for this request only
 * @param consistency how fresh the data must be
 */
public record LookupSubjectsRequest(
    String action,
    String resourceType,
    String resourceId,
    String tenant,
    String subjectType,
    String subjectRelation,
    Map<String, Object> context,
    List<Grant> contextualGrants,
    Consistency consistency) {

  public LookupSubjectsRequest {
    Names.requireName(action, "action");
    Names.requireName(resourceType, "resource type");
    if (resourceId != null) {
      new EntityRef(resourceType, resourceId);
    }
    if (tenant != null) {
      Names.requireId(tenant, "tenant");
    }
    Names.requireName(subjectType, "subject type");
    if (subjectRelation != null) {
      Names.requireName(subjectRelation, "subject relation");
    }
    context = LookupResourcesRequest.copy(context);
    contextualGrants = List.copyOf(contextualGrants);
    Objects.requireNonNull(consistency, "consistency");
  }

  /** A lookup of entity subjects, as before usersets could be listed. */
  public LookupSubjectsRequest(
      String action,
      String resourceType,
      String resourceId,
      String tenant,
      String subjectType,
      Map<String, Object> context,
      List<Grant> contextualGrants,
      Consistency consistency) {
    this(
        action,
        resourceType,
        resourceId,
        tenant,
        subjectType,
        null,
        context,
        contextualGrants,
        consistency);
  }

  /** Every subject of the type that may act on the resource. */
  public static LookupSubjectsRequest of(String action, EntityRef resource, String subjectType) {
    return new LookupSubjectsRequest(
        action,
        resource.type(),
        resource.id(),
        null,
        subjectType,
        Map.of(),
        List.of(),
        Consistency.latest());
  }

  /** Every subject of the type that may act on any resource of {@code resourceType}. */
  public static LookupSubjectsRequest ofType(
      String action, String resourceType, String subjectType) {
    return new LookupSubjectsRequest(
        action, resourceType, null, null, subjectType, Map.of(), List.of(), Consistency.latest());
  }

  /** The same request for a resource in a tenant. */
  public LookupSubjectsRequest inTenant(String tenantId) {
    return new LookupSubjectsRequest(
        action,
        resourceType,
        resourceId,
        tenantId,
        subjectType,
        subjectRelation,
        context,
        contextualGrants,
        consistency);
  }

  /** The same request listing usersets {@code subjectType:id#relation} (null: entities). */
  public LookupSubjectsRequest withSubjectRelation(String relation) {
    return new LookupSubjectsRequest(
        action,
        resourceType,
        resourceId,
        tenant,
        subjectType,
        relation,
        context,
        contextualGrants,
        consistency);
  }

  /** True when the request asks about any resource of the type rather than one. */
  public boolean typeLevel() {
    return resourceId == null;
  }
}
