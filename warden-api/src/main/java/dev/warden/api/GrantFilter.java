package dev.warden.api;

/**
 * Selects grants by any combination of their parts; a null part matches anything.
 *
 * @param resourceType the resource's type
 * @param resourceId the resource's id (requires the type)
 * @param relation the granted relation
 * @param subjectType the subject's type
 * @param subjectId the subject's id, {@code *} for wildcard grants (requires the subject type)
 * @param subjectRelation the subject's userset relation (requires the subject type)
 */
public record GrantFilter(
    String resourceType,
    String resourceId,
    String relation,
    String subjectType,
    String subjectId,
    String subjectRelation) {

  /** Matches every grant. */
  public static final GrantFilter ALL = new GrantFilter(null, null, null, null, null, null);

  public GrantFilter {
    if (resourceId != null && resourceType == null) {
      throw WardenException.invalid("a filter on a resource id needs the resource type");
    }
    if ((subjectId != null || subjectRelation != null) && subjectType == null) {
      throw WardenException.invalid("a filter on a subject id or relation needs the subject type");
    }
    for (String name : new String[] {resourceType, relation, subjectType, subjectRelation}) {
      if (name != null) {
        Names.requireName(name, "filter name");
      }
    }
  }

  /** Grants on one resource type. */
  public static GrantFilter resourceType(String type) {
    return new GrantFilter(type, null, null, null, null, null);
  }

  /** True when the grant has every part this filter fixes. */
  public boolean matches(Grant g) {
    return (resourceType == null || resourceType.equals(g.resource().type()))
        && (resourceId == null || resourceId.equals(g.resource().id()))
        && (relation == null || relation.equals(g.relation()))
        && (subjectType == null || subjectType.equals(g.subject().type()))
        && (subjectId == null || subjectId.equals(g.subject().id()))
        && (subjectRelation == null || subjectRelation.equals(g.subject().relation()));
  }

  /** True when {@code id} parts are valid; lets stores skip lookups that cannot match. */
  public boolean hasValidIds() {
    return (resourceId == null || Names.idProblem(resourceId) == null)
        && (subjectId == null
            || Names.WILDCARD.equals(subjectId)
            || Names.idProblem(subjectId) == null);
  }
}
