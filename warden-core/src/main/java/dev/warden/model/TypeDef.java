package dev.warden.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An actor or resource type with its relations and attributes, both in declaration order.
 *
 * @param name the type name
 * @param kind actor or resource
 * @param relations roles, relations and permissions by name
 * @param attributes declared attribute types by name
 */
public record TypeDef(
    String name,
    TypeKind kind,
    Map<String, RelationDef> relations,
    Map<String, AttributeType> attributes) {

  public TypeDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    relations = Collections.unmodifiableMap(new LinkedHashMap<>(relations));
    attributes = Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    relations.forEach(
        (k, v) -> {
          if (!k.equals(v.name())) {
            throw new IllegalArgumentException("relation key `" + k + "` names `" + v.name() + "`");
          }
        });
  }

  /** The relation of that name, or null. */
  public RelationDef relation(String relationName) {
    return relations.get(relationName);
  }
}
