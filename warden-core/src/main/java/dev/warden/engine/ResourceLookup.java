package dev.warden.engine;

import dev.warden.model.Truth;
import dev.warden.store.index.Codes;
import dev.warden.store.index.RelationshipIndex;
import java.util.HashSet;
import java.util.Set;

/**
 * "Which objects of a type may the actor act on?" by reverse walk: starting from the actor, walk
 * the reverse index along every positive path of the rewrite (grants, usersets, inherited
 * relations) to collect candidates, then check only the candidates that are not certain.
 *
 * <pre>
 *   actor --nodesOf--> objects granted directly          (Direct)
 *         --nodesOf(userset)--> objects granted to groups the actor is in   (recursive)
 *         --nodesOf(parent)--> children of objects the actor has a role on  (tuple-to-userset)
 * </pre>
 *
 * Candidate sets are computed per (type, relation), once; relations that depend on themselves
 * through data (nested groups, folder trees) are iterated until their sets stop growing.
 */
final class ResourceLookup {

  private final PolicyPlan plan;
  private final RelationshipIndex index;
  private final Evaluator evaluator;
  private final long actorCode;
  private final long actorWildcard;
  private final int objectActorType;
  private final int wildcardActorType;

  /** The node {@code T:x#r} of a userset actor, which holds itself; -1 for other actors. */
  private final long self;

  private final Set<Node> skipped;

  private final Fixpoint<Candidates> fixpoint =
      new Fixpoint<>(Candidates::new, Candidates::unboundedSet);
  private final Walk walk = new Walk();

  /**
   * @param evaluator checks candidates for the actor, whose subject codes it also supplies
   * @param skipped attribute rules left out of the candidates because the caller applies them as a
   *     residual filter
   */
  ResourceLookup(PolicyPlan plan, RelationshipIndex index, Evaluator evaluator, Set<Node> skipped) {
    this.plan = plan;
    this.index = index;
    this.evaluator = evaluator;
    this.actorCode = evaluator.actorCode;
    this.actorWildcard = evaluator.actorWildcard;
    this.objectActorType = evaluator.objectActorType;
    this.wildcardActorType = evaluator.wildcardActorType;
    int rel = Codes.subjectRelation(actorCode);
    this.self =
        rel == 0
            ? -1
            : Codes.node(Codes.subjectType(actorCode), Codes.subjectObject(actorCode), rel);
    this.skipped = skipped;
  }

  /** Adds the userset actor itself to the candidates of its own {@code (type, relation)}. */
  private Candidates withSelf(Candidates c, int type, int relation) {
    if (self >= 0 && Codes.nodeType(self) == type && Codes.nodeRelation(self) == relation) {
      c.add(Codes.nodeObject(self), true);
    }
    return c;
  }

  /** The objects of {@code type} on which the actor has {@code relation}. */
  long[] objects(int type, int relation) {
    Candidates c =
        fixpoint.solve(
            () ->
                skipped.isEmpty() ? relation(type, relation) : new Top().relation(type, relation));
    LongSet result = new LongSet();
    result.addAll(c.sure);
    LongSet toCheck = new LongSet();
    toCheck.addAll(c.maybe);
    if (c.unbounded) {
      for (long o : index.knownObjects(type)) {
        toCheck.add(o);
      }
      for (long o : evaluator.contextualObjects(type)) {
        toCheck.add(o);
      }
      if (self >= 0 && Codes.nodeType(self) == type) {
        toCheck.add(Codes.nodeObject(self)); // the userset actor's object, known or not
      }
    }
    for (long o : toCheck.toArray()) {
      if (!result.contains(o) && evaluator.evaluate(type, o, relation) == Truth.TRUE) {
        result.add(o);
      }
    }
    return result.toArray();
  }

  private Candidates relation(int type, int relation) {
    long key = ((long) type << 32) | relation;
    Candidates known = fixpoint.begin(key);
    if (known != null) {
      return known;
    }
    RelationPlan p = plan.relation(type, relation);
    return fixpoint.end(
        key, withSelf(p == null ? new Candidates() : walk.union(p.parts, type, 0), type, relation));
  }

  /** The candidates of each kind of step, per type: this walk ignores the object. */
  private final class Walk extends Expansion<Candidates> {
    @Override
    Candidates empty() {
      return new Candidates();
    }

    @Override
    Candidates any() {
      return Candidates.unboundedSet();
    }

    @Override
    public Candidates direct(Node.Direct d, int type, long object) {
      return ResourceLookup.this.direct(d, type);
    }

    @Override
    public Candidates computed(Node.Computed c, int type, long object) {
      return relation(type, c.relation);
    }

    @Override
    public Candidates tupleToUserset(Node.TupleToUserset t, int type, long object) {
      return ResourceLookup.this.tupleToUserset(t, type);
    }
  }

  /**
   * The candidates of the requested relation itself when the caller applies a residual: the
   * residual's attribute rules add nothing here, on the requested objects. Reached from anywhere
   * else (another object's relation), the same relation is computed in full by {@link #relation}.
   * Only the steps a residual can sit under (rules, unions, same-object references) differ; every
   * other step is expanded in full.
   */
  private final class Top implements Node.Visitor<Candidates> {
    private final Set<Integer> seen = new HashSet<>();

    Candidates relation(int type, int relation) {
      Candidates out = new Candidates();
      RelationPlan p = plan.relation(type, relation);
      if (p == null || !seen.add(relation)) {
        return out;
      }
      for (Node part : p.parts) {
        out.addAll(node(part, type));
      }
      return withSelf(out, type, relation);
    }

    private Candidates node(Node n, int type) {
      return skipped.contains(n) ? new Candidates() : n.accept(this, type, 0);
    }

    @Override
    public Candidates direct(Node.Direct d, int type, long object) {
      return walk.direct(d, type, object);
    }

    @Override
    public Candidates computed(Node.Computed c, int type, long object) {
      return relation(type, c.relation);
    }

    @Override
    public Candidates tupleToUserset(Node.TupleToUserset t, int type, long object) {
      return walk.tupleToUserset(t, type, object);
    }

    @Override
    public Candidates attribute(Node.Attribute a, int type, long object) {
      return walk.attribute(a, type, object);
    }

    @Override
    public Candidates union(Node.Union u, int type, long object) {
      Candidates out = new Candidates();
      for (Node c : u.children) {
        out.addAll(node(c, type));
      }
      return out;
    }

    @Override
    public Candidates intersection(Node.Intersection i, int type, long object) {
      return walk.intersection(i, type, object);
    }

    @Override
    public Candidates exclusion(Node.Exclusion e, int type, long object) {
      return walk.exclusion(e, type, object);
    }

    @Override
    public Candidates rule(Node.RuleNode r, int type, long object) {
      return node(r.body, type);
    }
  }

  private Candidates direct(Node.Direct d, int type) {
    Candidates out = new Candidates();
    // Grants to subject shapes the active policy no longer accepts do not count.
    if (d.admission.object(objectActorType)) {
      granted(actorCode, type, d.relation, true, out);
    }
    if (d.admission.wildcard(wildcardActorType)) {
      granted(actorWildcard, type, d.relation, true, out);
    }
    for (int[] userset : d.usersets) {
      Candidates members = relation(userset[0], userset[1]);
      if (members.unbounded) {
        out.unbounded = true;
        continue;
      }
      for (long u : members.sure.toArray()) {
        granted(Codes.subject(userset[0], u, userset[1]), type, d.relation, true, out);
      }
      for (long u : members.maybe.toArray()) {
        granted(Codes.subject(userset[0], u, userset[1]), type, d.relation, false, out);
      }
    }
    contextual(type, d.relation, out);
    return out;
  }

  /** Adds the objects on which {@code code} holds the relation; certain only if unconditional. */
  private void granted(long code, int type, int relation, boolean certain, Candidates out) {
    // Without conditional grants in the index every stored grant is unconditional: skip the probe
    // of each object's subject list, which costs a cache miss per candidate.
    boolean checkEach = certain && index.hasConditionalGrants();
    for (long o : index.objectsGranted(code, type, relation)) {
      out.add(
          o,
          certain
              && (!checkEach || index.holdsUnconditionally(Codes.node(type, o, relation), code)));
    }
  }

  /**
   * The objects related to an object that has the computed relation. Under {@code on all} each
   * needs a check, since another related object may not have it.
   */
  private Candidates tupleToUserset(Node.TupleToUserset t, int type) {
    Candidates out = new Candidates();
    for (int target = 0; target < t.computedByType.length; target++) {
      related(t.computedByType[target], target, 0, t.tupleset, type, out);
    }
    for (int[] userset : t.tuplesetAdmission.usersets) {
      int target = userset[0];
      int computed = target < t.computedViaUserset.length ? t.computedViaUserset[target] : 0;
      related(computed, target, userset[1], t.tupleset, type, out);
    }
    contextual(type, t.tupleset, out);
    if (!t.all) {
      return out;
    }
    Candidates each = new Candidates();
    each.addAllAsMaybe(out);
    return each;
  }

  /**
   * Adds the objects whose {@code tupleset} relates {@code target} objects (as {@code
   * target:o#subjectRelation} when that is not 0) that have the {@code computed} relation.
   */
  private void related(
      int computed, int target, int subjectRelation, int tupleset, int type, Candidates out) {
    if (computed == 0) {
      return;
    }
    Candidates parents = relation(target, computed);
    if (parents.unbounded) {
      out.unbounded = true;
      return;
    }
    for (long s : parents.sure.toArray()) {
      granted(Codes.subject(target, s, subjectRelation), type, tupleset, true, out);
    }
    for (long s : parents.maybe.toArray()) {
      granted(Codes.subject(target, s, subjectRelation), type, tupleset, false, out);
    }
  }

  /** Request-only grants on {@code type#relation}: any object they name is worth a check. */
  private void contextual(int type, int relation, Candidates out) {
    for (long node : evaluator.contextualNodes()) {
      if (Codes.nodeType(node) == type && Codes.nodeRelation(node) == relation) {
        out.addMaybe(Codes.nodeObject(node));
      }
    }
  }
}
