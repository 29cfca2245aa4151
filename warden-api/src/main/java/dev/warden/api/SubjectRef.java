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

  /** Parses {@code Type:id}, {@code Type:id#relation} or {@code Type:*}. */
  public static SubjectRef parse(String text) {
    if (text == null) {
      throw WardenException.invalid("a subject is required");
    }
    int hash = text.indexOf('#');
    EntityRef e;
    String relation = null;
    String head = hash < 0 ? text : text.substring(0, hash);
    if (hash >= 0) {
      relation = text.substring(hash + 1);
    }
    int colon = head.indexOf(':');
    if (colon <= 0) {
      throw WardenException.invalid(
          "`" + text + "` is not a subject; write `Type:id`, `Type:id#relation` or `Type:*`");
    }
    if (head.substring(colon + 1).equals(Names.WILDCARD)) {
      return new SubjectRef(head.substring(0, colon), Names.WILDCARD, relation);
    }
    e = EntityRef.parse(head);
    return new SubjectRef(e.type(), e.id(), relation);
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

  @Override
  public String toString() {
    return relation == null ? type + ":" + id : type + ":" + id + "#" + relation;
  }
}
