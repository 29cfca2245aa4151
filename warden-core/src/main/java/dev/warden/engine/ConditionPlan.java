package dev.warden.engine;

import dev.warden.condition.CompiledExpression;
import dev.warden.model.ConditionDef;

/** A condition, compiled. */
record ConditionPlan(ConditionDef def, CompiledExpression expression) {}
