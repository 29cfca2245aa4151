package dev.warden.engine;

import dev.warden.model.TypeDef;

/** A type, compiled: its definition and its relation plans indexed by relation number. */
final class TypePlan {
  final TypeDef def;
  private final RelationPlan[] relations;

  TypePlan(TypeDef def, RelationPlan[] relations) {
    this.def = def;
    this.relations = relations;
  }

  /** The plan of that relation number, or null. */
  RelationPlan relation(int relationId) {
    return relationId > 0 && relationId < relations.length ? relations[relationId] : null;
  }
}
