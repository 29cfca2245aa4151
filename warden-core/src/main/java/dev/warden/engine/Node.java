package dev.warden.engine;

import dev.warden.condition.CompiledExpression;
import dev.warden.model.Truth;
import dev.warden.store.index.Codes;

/**
 * One step of a compiled rewrite, with names resolved to index numbers. Checking hands each step to
 * the {@link Evaluator} (which short-circuits combinators) or, for explain, to the {@link
 * TracingEvaluator} (which records every branch); the lookups and residual discovery walk the steps
 * through a {@link Visitor}.
 */
abstract sealed class Node {

  /**
   * The truth of this step for the evaluator's actor on {@code type:object}. Check keeps its own
   * dispatch rather than a {@link Visitor}: each step calls its evaluator method on a class with
   * two implementations (check, explain), so the hot path has no interface call that the lookups'
   * walks would make megamorphic, and allocates nothing.
   */
  abstract Truth evaluate(Evaluator ev, int type, long object);

  /** Hands this step to the visitor's method for its kind. */
  abstract <R> R accept(Visitor<R> v, int type, long object);

  /**
   * A walk over the plan with one method per kind of step, so a walk that forgets a kind does not
   * compile. {@code type} and {@code object} are where the step applies; a walk that works per type
   * rather than per object ignores {@code object}.
   */
  interface Visitor<R> {
    R direct(Direct n, int type, long object);

    R computed(Computed n, int type, long object);

    R tupleToUserset(TupleToUserset n, int type, long object);

    R attribute(Attribute n, int type, long object);

    R union(Union n, int type, long object);

    R intersection(Intersection n, int type, long object);

    R exclusion(Exclusion n, int type, long object);

    R rule(RuleNode n, int type, long object);
  }

  /** The grants of {@code relation} on the object itself. */
  static final class Direct extends Node {
    final int relation;

    /** The subject shapes whose grants count; lookups walk its usersets backwards. */
    final Admission admission;

    /** The userset subject types the relation accepts, as {@code (type, relation)} pairs. */
    final int[][] usersets;

    Direct(int relation, Admission admission) {
      this.relation = relation;
      this.admission = admission;
      this.usersets = admission.usersets;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.direct(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.grants(type, object, this);
    }
  }

  /** Another relation of the same object. */
  static final class Computed extends Node {
    final int relation;

    Computed(int relation) {
      this.relation = relation;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.computed(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.relation(type, object, relation);
    }
  }

  /**
   * {@code "computed" on "tupleset"}: the computed relation on every object the tupleset relation
   * points to; true when any is, or with {@code all} only when every one is (and there is one).
   * {@code computedByType[t]} is the computed relation's number on type {@code t}, or 0 where that
   * type does not declare it or the tupleset relation no longer accepts plain {@code t} objects.
   * {@code computedViaUserset[t]} is the same for grants to usersets of {@code t} ({@code
   * team:x#member} relates {@code team:x}); empty when the tupleset relation accepts no usersets,
   * so the common arrow stops at the first userset subject as before.
   */
  static final class TupleToUserset extends Node {
    final int tupleset;
    final int[] computedByType;
    final int[] computedViaUserset;
    final boolean all;
    final String computedName;
    final String label;

    /** The subject shapes the tupleset relation accepts, to explain ignored grants. */
    final Admission tuplesetAdmission;

    TupleToUserset(
        int tupleset,
        int[] computedByType,
        int[] computedViaUserset,
        boolean all,
        String computedName,
        String label,
        Admission tuplesetAdmission) {
      this.tupleset = tupleset;
      this.computedByType = computedByType;
      this.computedViaUserset = computedViaUserset;
      this.all = all;
      this.computedName = computedName;
      this.label = label;
      this.tuplesetAdmission = tuplesetAdmission;
    }

    /** Whether userset grants of the tupleset relation relate their objects. */
    boolean followsUsersets() {
      return computedViaUserset.length > 0;
    }

    /**
     * The computed relation to follow from a tupleset subject, or 0 when there is none: the subject
     * is a wildcard, its shape is no longer accepted, or its type does not declare the relation.
     */
    int computedOn(long code) {
      int t = Codes.subjectType(code);
      if (Codes.subjectObject(code) == Codes.WILDCARD) {
        return 0;
      }
      int rel = Codes.subjectRelation(code);
      if (rel == 0) {
        return t < computedByType.length ? computedByType[t] : 0;
      }
      return t < computedViaUserset.length && tuplesetAdmission.userset(t, rel)
          ? computedViaUserset[t]
          : 0;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.tupleToUserset(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.tupleToUserset(this, type, object);
    }
  }

  /** A CEL attribute rule. */
  static final class Attribute extends Node {
    final CompiledExpression expression;

    Attribute(CompiledExpression expression) {
      this.expression = expression;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.attribute(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.attribute(expression, type, object);
    }
  }

  /** Any child true. */
  static final class Union extends Node {
    final Node[] children;

    Union(Node[] children) {
      this.children = children;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.union(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.union(children, type, object);
    }
  }

  /** Every child true. */
  static final class Intersection extends Node {
    final Node[] children;

    Intersection(Node[] children) {
      this.children = children;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.intersection(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.intersection(children, type, object);
    }
  }

  /** {@code base and not excluded}. */
  static final class Exclusion extends Node {
    final Node base;
    final Node excluded;

    Exclusion(Node base, Node excluded) {
      this.base = base;
      this.excluded = excluded;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.exclusion(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.exclusion(this, type, object);
    }
  }

  /** One rule of a relation, labelled for explanations. */
  static final class RuleNode extends Node {
    final Node body;
    final String text;

    RuleNode(Node body, String text) {
      this.body = body;
      this.text = text;
    }

    @Override
    <R> R accept(Visitor<R> v, int type, long object) {
      return v.rule(this, type, object);
    }

    @Override
    Truth evaluate(Evaluator ev, int type, long object) {
      return ev.rule(this, type, object);
    }
  }
}
