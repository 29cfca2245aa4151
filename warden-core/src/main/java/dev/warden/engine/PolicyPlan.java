package dev.warden.engine;

import dev.warden.model.Policy;
import java.util.Map;

/**
 * A policy compiled against one index: every name resolved to the index's numbers and every CEL
 * expression compiled. Immutable; a new policy gets a new plan.
 */
final class PolicyPlan {
  final Policy policy;
  private final TypePlan[] types;
  final Map<String, ConditionPlan> conditions;

  PolicyPlan(Policy policy, TypePlan[] types, Map<String, ConditionPlan> conditions) {
    this.policy = policy;
    this.types = types;
    this.conditions = conditions;
  }

  /** The plan of that type number, or null for types the policy does not declare. */
  TypePlan type(int typeId) {
    return typeId >= 0 && typeId < types.length ? types[typeId] : null;
  }

  /** The plan of {@code type#relation} by numbers, or null. */
  RelationPlan relation(int typeId, int relationId) {
    TypePlan t = type(typeId);
    return t == null ? null : t.relation(relationId);
  }
}
