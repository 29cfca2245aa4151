package dev.warden.engine;

import dev.warden.api.ExplainNode.Kind;
import dev.warden.api.GrantCondition;
import dev.warden.condition.CompiledExpression;
import dev.warden.condition.Evaluation;
import dev.warden.model.Truth;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;

/**
 * The evaluator of explain: each step records itself in a {@link Tracer}, and every branch is
 * evaluated (no short-circuit) so an explanation shows all of them, including stored grants that
 * reach the actor but whose subject shape the policy does not accept. The check path pays nothing
 * for it. Memoizes nothing, so every step of the tree is recorded where it is met.
 */
final class TracingEvaluator extends Evaluator {
  private final Tracer tracer;

  TracingEvaluator(
      PolicyPlan plan, RelationshipIndex index, Query query, EngineOptions options, Tracer tracer) {
    super(plan, index, query, options, null);
    this.tracer = tracer;
  }

  // ---------------------------------------------------------------- relations

  @Override
  Truth notDeclared(int type, long object, int relation) {
    return tracer.leaf(
        Kind.RELATION, label(type, object, relation), Truth.FALSE, "not declared on this type");
  }

  @Override
  Truth self(int type, long object, int relation) {
    return tracer.leaf(
        Kind.RELATION, label(type, object, relation), Truth.TRUE, "the userset actor itself");
  }

  @Override
  Truth cycle(int type, long object, int relation) {
    return tracer.leaf(
        Kind.CYCLE,
        label(type, object, relation),
        Truth.FALSE,
        "already being evaluated on this path");
  }

  @Override
  Truth parts(Node[] parts, int type, long object, int relation) {
    tracer.open(Kind.RELATION, label(type, object, relation));
    return tracer.close(all(parts, type, object), "");
  }

  // ---------------------------------------------------------------- combinators

  @Override
  Truth union(Node[] children, int type, long object) {
    tracer.open(Kind.UNION, "or");
    return tracer.close(all(children, type, object), "");
  }

  /** The union of every child, each one evaluated. */
  private Truth all(Node[] children, int type, long object) {
    Truth acc = Truth.FALSE;
    for (Node c : children) {
      acc = acc.or(c.evaluate(this, type, object));
    }
    return acc;
  }

  @Override
  Truth intersection(Node[] children, int type, long object) {
    tracer.open(Kind.INTERSECTION, "and");
    Truth acc = Truth.TRUE;
    for (Node c : children) {
      acc = acc.and(c.evaluate(this, type, object));
    }
    return tracer.close(acc, "");
  }

  @Override
  Truth exclusion(Node.Exclusion e, int type, long object) {
    tracer.open(Kind.EXCLUSION, "and not");
    Truth b = e.base.evaluate(this, type, object);
    return tracer.close(b.and(e.excluded.evaluate(this, type, object).not()), "");
  }

  @Override
  Truth rule(Node.RuleNode r, int type, long object) {
    tracer.open(Kind.RULE, r.text);
    return tracer.close(r.body.evaluate(this, type, object), "");
  }

  // ---------------------------------------------------------------- grants

  @Override
  Truth grants(int type, long object, Node.Direct direct) {
    int relation = direct.relation;
    Admission admission = direct.admission;
    long node = Codes.node(type, object, relation);
    tracer.open(Kind.GRANTS, "grants of " + label(type, object, relation));
    Truth acc = Truth.FALSE;
    if (objectActorType >= 0 && holds(actorNodes(), node, actorCode)) {
      if (admission.object(actorType)) {
        acc = matched(node, actorCode);
      } else {
        ignored(node, actorCode, admission);
      }
    }
    if (wildcardActorType >= 0 && holds(wildcardNodes(), node, actorWildcard)) {
      if (admission.wildcard(actorType)) {
        acc = acc.or(matched(node, actorWildcard));
      } else {
        ignored(node, actorWildcard, admission);
      }
    }
    acc = acc.or(usersets(node, index.subjects(node), admission));
    if (index.hasConditionalGrants()) {
      acc = acc.or(conditionalGrants(node, admission));
    }
    acc = acc.or(contextualGrants(node));
    return tracer.close(acc, acc == Truth.FALSE ? "no grant reaches " + query.actor() : "");
  }

  /** Records a stored grant that reaches the actor but does not count. */
  private void ignored(long node, long code, Admission admission) {
    int rel = Codes.subjectRelation(code);
    String type = index.typeName(Codes.subjectType(code));
    String shape =
        rel != 0
            ? type + "#" + index.relationName(rel)
            : Codes.subjectObject(code) == Codes.WILDCARD ? type + ":*" : type;
    tracer.leaf(Kind.GRANT, grantLabel(node, code), Truth.FALSE, admission.ignored(shape));
  }

  private Truth matched(long node, long code) {
    return tracer.leaf(Kind.GRANT, grantLabel(node, code), Truth.TRUE, "");
  }

  private Truth usersets(long node, long[] subjects, Admission admission) {
    Truth acc = Truth.FALSE;
    for (int j = firstUserset(subjects); j < subjects.length; j++) {
      long code = subjects[j];
      if (admission.userset(Codes.subjectType(code), Codes.subjectRelation(code))) {
        acc = acc.or(userset(code));
      } else {
        ignored(node, code, admission);
      }
    }
    return acc;
  }

  private Truth conditionalGrants(long node, Admission admission) {
    Truth acc = Truth.FALSE;
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      long code = c.code();
      if (admission.admits(code)) {
        acc = acc.or(conditional(node, code, c.condition()));
      } else if (isActor(code) || Codes.subjectRelation(code) != 0) {
        ignored(node, code, admission);
      }
    }
    return acc;
  }

  private Truth contextualGrants(long node) {
    if (scope == null) {
      return Truth.FALSE;
    }
    Truth acc = Truth.FALSE;
    for (int i = 0; i < scope.grantCount(); i++) {
      if (scope.node(i) != node) {
        continue;
      }
      long code = scope.code(i);
      GrantCondition c = scope.condition(i);
      if (c != null) {
        acc = acc.or(conditional(node, code, c));
      } else if (isActor(code)) {
        acc = acc.or(matched(node, code));
      } else if (Codes.subjectRelation(code) != 0) {
        acc = acc.or(userset(code));
      }
    }
    return acc;
  }

  private Truth conditional(long node, long code, GrantCondition condition) {
    boolean direct = isActor(code);
    if (!direct && Codes.subjectRelation(code) == 0) {
      return Truth.FALSE;
    }
    tracer.open(Kind.GRANT, grantLabel(node, code) + " [" + condition.name() + "]");
    Truth t = condition(condition);
    if (!direct) {
      t = t.and(userset(code));
    }
    return tracer.close(t, "");
  }

  @Override
  Truth tupleToUserset(Node.TupleToUserset n, int type, long object) {
    long node = Codes.node(type, object, n.tupleset);
    tracer.open(Kind.TUPLE_TO_USERSET, n.label + " of " + label(type, object, n.tupleset));
    Arrow arrow = new Arrow(n.all);
    for (long code : index.subjects(node)) {
      if (!n.followsUsersets() && Codes.subjectRelation(code) != 0) {
        break;
      }
      arrow.add(code, related(n, node, code, null));
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      arrow.add(c.code(), related(n, node, c.code(), c.condition()));
    }
    if (scope != null) {
      for (int i = 0; i < scope.grantCount(); i++) {
        if (scope.node(i) == node) {
          arrow.add(scope.code(i), related(n, node, scope.code(i), scope.condition(i)));
        }
      }
    }
    return tracer.close(arrow.truth(), arrow.reason(n));
  }

  /** What an arrow's grants add up to, and the related object that decided it. */
  private final class Arrow {
    private final boolean all;
    private Truth acc;
    private boolean some;
    private boolean failing;
    private long failed;
    private Truth failedTruth;

    Arrow(boolean all) {
      this.all = all;
      this.acc = all ? Truth.TRUE : Truth.FALSE;
    }

    /** One grant's truth; null when the active policy does not accept the grant's shape. */
    void add(long code, Truth t) {
      if (t == null) {
        return;
      }
      some = true;
      // The related object that fails, or failing none, whose truth is unknown; among several,
      // the first by name, since the index's order follows interning, which replicas differ in.
      if (all && t != Truth.TRUE) {
        boolean worse = t == Truth.FALSE && failedTruth != Truth.FALSE;
        boolean before = t == failedTruth && name(code).compareTo(name(failed)) < 0;
        if (!failing || worse || before) {
          failing = true;
          failed = code;
          failedTruth = t;
        }
      }
      acc = all ? acc.and(t) : acc.or(t);
    }

    Truth truth() {
      return some ? acc : Truth.FALSE;
    }

    private String name(long code) {
      return index.typeName(Codes.subjectType(code)) + ":" + objectName(Codes.subjectObject(code));
    }

    String reason(Node.TupleToUserset n) {
      String tupleset = index.relationName(n.tupleset);
      if (!some) {
        return all
            ? "no object is related through `" + tupleset + "`"
            : "no related object grants it";
      }
      if (!all) {
        return acc == Truth.FALSE ? "no related object grants it" : "";
      }
      if (acc == Truth.TRUE) {
        return "";
      }
      String which = "`" + name(failed) + "`";
      return acc == Truth.FALSE
          ? "not every related object grants it: " + which + " does not"
          : "not every related object is known to grant it: " + which + " is unknown";
    }
  }

  /** The truth of one tupleset grant, or null when the active policy does not accept its shape. */
  private Truth related(Node.TupleToUserset n, long node, long code, GrantCondition condition) {
    int t = Codes.subjectType(code);
    if (!n.tuplesetAdmission.admits(code)) {
      tracer.leaf(
          Kind.GRANT,
          grantLabel(node, code),
          Truth.FALSE,
          n.tuplesetAdmission.ignored(shape(code)));
      return null;
    }
    int computed = n.computedOn(code);
    if (computed == 0) {
      return n.all
          ? tracer.leaf(
              Kind.GRANT,
              grantLabel(node, code),
              Truth.FALSE,
              Codes.subjectObject(code) == Codes.WILDCARD
                  ? "a wildcard relates no one object"
                  : "`" + index.typeName(t) + "` does not declare `" + n.computedName + "`")
          : Truth.FALSE;
    }
    long o = Codes.subjectObject(code);
    if (condition == null) {
      return relation(t, o, computed);
    }
    return condition(condition).and(relation(t, o, computed));
  }

  /**
   * A subject's shape as the policy writes it: {@code Team}, {@code Team#member}, {@code User:*}.
   */
  private String shape(long code) {
    String type = index.typeName(Codes.subjectType(code));
    int rel = Codes.subjectRelation(code);
    if (rel != 0) {
      return type + "#" + index.relationName(rel);
    }
    return Codes.subjectObject(code) == Codes.WILDCARD ? type + ":*" : type;
  }

  // ---------------------------------------------------------------- CEL

  @Override
  Truth attribute(CompiledExpression expression, int type, long object) {
    Evaluation e = bindings().rule(expression, type, object);
    return tracer.leaf(
        Kind.ATTRIBUTE, expression.source(), e.truth(), String.join("; ", e.problems()));
  }

  @Override
  Truth condition(GrantCondition condition) {
    ConditionPlan c = plan.conditions.get(condition.name());
    if (c == null) {
      return tracer.leaf(
          Kind.CONDITION,
          condition.name(),
          Truth.UNKNOWN,
          "condition `" + condition.name() + "` is not declared in the policy");
    }
    Evaluation e = bindings().condition(c.expression(), condition.context());
    return tracer.leaf(
        Kind.CONDITION, condition.name(), e.truth(), String.join("; ", e.problems()));
  }
}
