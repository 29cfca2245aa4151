package dev.warden.engine;

import dev.warden.model.RelationKind;

/**
 * A relation of one type, compiled: its parts (own grants, then each rule) form a union. A class
 * rather than a record because the evaluator reads the parts array directly on the hot path.
 */
final class RelationPlan {
  /** {@code Type#relation}, for messages. */
  final String label;

  final RelationKind kind;

  /**
   * Own grants first (unless a rule names them with {@code this}), then rules, attribute rules last
   * (they cost the most).
   */
  final Node[] parts;

  RelationPlan(String label, RelationKind kind, Node[] parts) {
    this.label = label;
    this.kind = kind;
    this.parts = parts;
  }
}
