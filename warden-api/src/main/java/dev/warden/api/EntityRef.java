package dev.warden.api;

/**
 * An object: a type and an id, written {@code Repository:gmail}.
 *
 * @param type the type name
 * @param id the object id within the type
 */
public record EntityRef(String type, String id) {

  public EntityRef {
    Names.requireName(type, "type");
    Names.requireId(id, type);
    if (Names.WILDCARD.equals(id)) {
      throw WardenException.invalid(
          "`"
              + type
              + ":*` is a wildcard, not an entity; a wildcard can only be a grant's subject");
    }
  }

  /** An entity reference. */
  public static EntityRef of(String type, String id) {
    return new EntityRef(type, id);
  }

  /** Parses {@code Type:id}; the id is everything after the first colon. */
  public static EntityRef parse(String text) {
    int colon = text == null ? -1 : text.indexOf(':');
    if (colon <= 0) {
      throw WardenException.invalid("`" + text + "` is not an entity; write `Type:id`");
    }
    return new EntityRef(text.substring(0, colon), text.substring(colon + 1));
  }

  // Written out because the generated record methods go through method handles, which showed up
  // in bulk-check profiles where entity references are compared for every request.
  @Override
  public boolean equals(Object o) {
    return this == o || (o instanceof EntityRef e && id.equals(e.id) && type.equals(e.type));
  }

  @Override
  public int hashCode() {
    return 31 * type.hashCode() + id.hashCode();
  }

  @Override
  public String toString() {
    return type + ":" + id;
  }
}
