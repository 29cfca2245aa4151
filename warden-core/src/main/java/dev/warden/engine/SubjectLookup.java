package dev.warden.engine;

import dev.warden.api.Grant;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;

/**
 * "Who may act on this object?" by forward expansion: from the object's relation, follow grants to
 * subjects, usersets to their members and inherited relations to the objects they come from,
 * remembering the grant by which each subject was reached (the grant to the subject itself, or to
 * the group it is in). Subjects reached only through conditions, intersections, exclusions or
 * attribute rules are checked one by one afterwards.
 */
final class SubjectLookup {

  private final PolicyPlan plan;
  private final RelationshipIndex index;
  private final Evaluator names;
  private final int subjectType;

  /** 0 to list entities of {@code subjectType}; else list usersets {@code subjectType:o#this}. */
  private final int subjectRelation;

  private final Fixpoint<SubjectSet> fixpoint =
      new Fixpoint<>(SubjectSet::new, SubjectSet::unboundedSet);
  private final Walk walk = new Walk();

  /**
   * @param names resolves the request's local object numbers (contextual grants, a fresh resource)
   *     and supplies contextual grants
   * @param subjectRelation 0 to list entities; a relation number to list usersets of that relation
   */
  SubjectLookup(
      PolicyPlan plan,
      RelationshipIndex index,
      Evaluator names,
      int subjectType,
      int subjectRelation) {
    this.plan = plan;
    this.index = index;
    this.names = names;
    this.subjectType = subjectType;
    this.subjectRelation = subjectRelation;
  }

  /** Candidate subjects of {@code relation} on {@code type:object}, to be verified. */
  SubjectSet expand(int type, long object, int relation) {
    return fixpoint.solve(() -> relation(type, object, relation));
  }

  private SubjectSet relation(int type, long object, int relation) {
    long node = Codes.node(type, object, relation);
    SubjectSet known = fixpoint.begin(node);
    if (known != null) {
      return known;
    }
    RelationPlan p = plan.relation(type, relation);
    SubjectSet found = p == null ? new SubjectSet() : walk.union(p.parts, type, object);
    if (subjectRelation != 0 && type == subjectType && relation == subjectRelation) {
      // A userset contains itself: every step that reaches `T:o#r` reaches the userset `T:o#r`.
      found.add(object, true, null);
    }
    return fixpoint.end(node, found);
  }

  /** The subjects of each kind of step on {@code type:object}. */
  private final class Walk extends Expansion<SubjectSet> {
    @Override
    SubjectSet empty() {
      return new SubjectSet();
    }

    @Override
    SubjectSet any() {
      return SubjectSet.unboundedSet();
    }

    @Override
    public SubjectSet direct(Node.Direct d, int type, long object) {
      return SubjectLookup.this.direct(type, object, d);
    }

    @Override
    public SubjectSet computed(Node.Computed c, int type, long object) {
      return relation(type, object, c.relation);
    }

    @Override
    public SubjectSet tupleToUserset(Node.TupleToUserset t, int type, long object) {
      return SubjectLookup.this.tupleToUserset(t, type, object);
    }
  }

  /** The subjects of the node's own grants, leaving out those the active policy does not admit. */
  private SubjectSet direct(int type, long object, Node.Direct d) {
    long node = Codes.node(type, object, d.relation);
    SubjectSet out = new SubjectSet();
    for (long code : index.subjects(node)) {
      if (d.admission.admits(code)) {
        subject(out, node, code, true, null);
      }
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      if (d.admission.admits(c.code())) {
        subject(out, node, c.code(), false, c.condition());
      }
    }
    names.forEachContextual(node, (code, grant) -> subject(out, grant, code, false));
    return out;
  }

  private void subject(
      SubjectSet out, long node, long code, boolean certain, dev.warden.api.GrantCondition c) {
    subject(out, names.decode(node, code, c), code, certain);
  }

  private void subject(SubjectSet out, Grant grant, long code, boolean certain) {
    int relation = Codes.subjectRelation(code);
    int type = Codes.subjectType(code);
    long object = Codes.subjectObject(code);
    if (relation != 0) {
      out.addAll(relation(type, object, relation), certain, grant);
    } else if (subjectRelation != 0) {
      return;
    } else if (type == subjectType && object == Codes.WILDCARD) {
      out.unbounded = true;
      out.wildcardGrants.add(grant);
    } else if (type == subjectType) {
      out.add(object, certain, grant);
    }
  }

  /**
   * The subjects of the computed relation on every related object. Under {@code on all} none is
   * certain: another related object may not grant it, so each is checked.
   */
  private SubjectSet tupleToUserset(Node.TupleToUserset t, int type, long object) {
    long node = Codes.node(type, object, t.tupleset);
    SubjectSet out = new SubjectSet();
    boolean unconditional = !t.all;
    for (long code : index.subjects(node)) {
      related(out, t, code, unconditional);
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      related(out, t, c.code(), false);
    }
    names.forEachContextual(
        node, (code, grant) -> related(out, t, code, unconditional && grant.condition() == null));
    return out;
  }

  private void related(SubjectSet out, Node.TupleToUserset t, long code, boolean certain) {
    int computed = t.computedOn(code);
    if (computed != 0) {
      out.addAll(
          relation(Codes.subjectType(code), Codes.subjectObject(code), computed), certain, null);
    }
  }
}
