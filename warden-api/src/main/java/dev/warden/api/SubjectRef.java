package dev.warden.api;

/**
 * The subject of a grant: an object ({@code User:anne}), a userset ({@code Group:eng#member}: every
 * subject with that relation on that object) or a wildcard ({@code User:*}: every user).
 *
 * @param type the subject's type
 * @param id the object id, or {@code *} for the wildcard
 * @param relation the userset relation, or null
 */
public record SubjectRef(String type, String id, String relation) {

  public SubjectRef {
    Names.requireName(type, "subject type");
    if (!Names.WILDCARD.equals(id)) {
      Names.requireId(id, type);
    } else if (relation != null) {
      throw WardenException.invalid("a wildcard subject `" + type + ":*` cannot have a relation");
    }
    if (relation != null) {
      Names.requireName(relation, "subject relation");
    }
  }

  /** An object subject. */
  public static SubjectRef of(String type, String id) {
    return new SubjectRef(type, id, null);
  }

  /** The object subject of an entity. */
  public static SubjectRef of(EntityRef entity) {
    return new SubjectRef(entity.type(), entity.id(), null);
  }

  /** A userset subject {@code type:id#relation}. */
  public static SubjectRef userset(String type, String id, String relation) {
    return new SubjectRef(type, id, relation);
  }

  /** The wildcard {@code type:*}. */
  public static SubjectRef wildcard(String type) {
    return new SubjectRef(type, Names.WILDCARD, null);
  }

  /**
   * Parses {@code Type:id}, {@code Type:id#relation} or {@code Type:*}, as in the grant text form:
   * an id holding {@code #}, {@code @}, whitespace or quotes is written {@code Type:"id"}.
   */
  public static SubjectRef parse(String text) {
    return GrantSyntax.parseSubject(text);
  }

  /** True for {@code Type:*}. */
  public boolean isWildcard() {
    return Names.WILDCARD.equals(id);
  }

  /** True for {@code Type:id#relation}. */
  public boolean isUserset() {
    return relation != null;
  }

  /** The object part, for object and userset subjects. */
  public EntityRef entity() {
    if (isWildcard()) {
      throw new IllegalStateException("a wildcard subject names no single entity");
    }
    return new EntityRef(type, id);
  }

  // Written out as EntityRef's are: bulk checks compare the subjects of queries for every request.
  @Override
  public boolean equals(Object o) {
    return this == o
        || (o instanceof SubjectRef s
            && id.equals(s.id)
            && type.equals(s.type)
            && java.util.Objects.equals(relation, s.relation));
  }

  @Override
  public int hashCode() {
    return (31 * type.hashCode() + id.hashCode()) * 31
        + (relation == null ? 0 : relation.hashCode());
  }

  @Override
  public String toString() {
    return relation == null ? type + ":" + id : type + ":" + id + "#" + relation;
  }
}
