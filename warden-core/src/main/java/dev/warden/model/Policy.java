package dev.warden.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A compiled policy: every type and condition, in declaration order. Immutable.
 *
 * @param types types by name
 * @param conditions conditions by name
 */
public record Policy(Map<String, TypeDef> types, Map<String, ConditionDef> conditions) {

  public Policy {
    types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
    conditions = Collections.unmodifiableMap(new LinkedHashMap<>(conditions));
  }

  /** The type of that name, or null. */
  public TypeDef type(String name) {
    return types.get(name);
  }

  /** The relation {@code type#relation}, or null when either is not declared. */
  public RelationDef relation(String type, String relation) {
    TypeDef t = types.get(type);
    return t == null ? null : t.relation(relation);
  }

  /** The condition of that name, or null. */
  public ConditionDef condition(String name) {
    return conditions.get(name);
  }

  /**
   * The attribute type that {@code actor.<name>} has in a rule: the type every actor type that
   * declares it agrees on, or null when no actor type declares it or they disagree.
   */
  public AttributeType actorAttribute(String name) {
    AttributeType found = null;
    for (TypeDef t : types.values()) {
      if (t.kind() != TypeKind.ACTOR) {
        continue;
      }
      AttributeType a = t.attributes().get(name);
      if (a == null) {
        continue;
      }
      if (found != null && !found.equals(a)) {
        return null;
      }
      found = a;
    }
    return found;
  }
}
