package dev.warden.engine;

import dev.warden.api.ErrorCode;
import dev.warden.api.GrantCondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.condition.CompiledExpression;
import dev.warden.model.Truth;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;
import java.time.Clock;
import java.util.Arrays;

/**
 * Evaluates one request: walks the plan for a fixed actor, keeping the path of relations it is
 * inside (for cycle safety and the depth limit). The CEL expressions it meets read their values
 * from its {@link CelBindings}. Single use, single thread.
 *
 * <p>This is the check path and records nothing: combinators stop at the first deciding child.
 * {@link TracingEvaluator} overrides each step to record it and to evaluate every branch, for
 * explain; the relation path, depth limit and memo stay here, shared by both.
 */
sealed class Evaluator permits TracingEvaluator {

  private static final int NO_CUT = Integer.MAX_VALUE;

  final PolicyPlan plan;
  final RelationshipIndex index;
  final Query query;
  RequestScope scope;
  private final TruthMemo memo;
  private final int maxDepth;

  final int actorType;
  final long actorCode;
  final long actorWildcard;

  /**
   * The type whose object grants reach the actor, and whose wildcard grants do: the actor's type
   * for an entity actor; -1 where none do (a userset actor is reached by neither, a wildcard actor
   * only by wildcard grants). Admission answers false for -1, so the plain path does no extra work.
   */
  final int objectActorType;

  final int wildcardActorType;

  /**
   * 1 when the actor is a userset {@code T:x#r}: the path starts with the node {@code T:x#r}, so
   * meeting it again is the actor itself (a userset contains itself) rather than a cycle; else 0.
   */
  private final int base;

  private long[] path = new long[8];
  private long[] actorNodes;
  private long[] wildcardNodes;
  private int depth;
  private int lowestCut = NO_CUT;

  /** Made on the first CEL expression, so a check that meets none allocates no bindings. */
  private CelBindings bindings;

  private final Clock clock;
  private final int resourceType;
  private final long resourceObject;

  /**
   * An evaluator for one query.
   *
   * @param memo shared sub-results, or null to memoize nothing (single checks, explain)
   */
  Evaluator(
      PolicyPlan plan,
      RelationshipIndex index,
      Query query,
      EngineOptions options,
      TruthMemo memo) {
    this.plan = plan;
    this.index = index;
    this.query = query;
    this.memo = memo;
    this.clock = options.clock();
    this.scope = query.contextualGrants().isEmpty() ? null : new RequestScope(index, query);
    SubjectRef actor = query.actor();
    this.actorType = index.typeId(actor.type());
    if (actor.isWildcard()) {
      this.actorCode = Codes.subject(actorType, Codes.WILDCARD, 0);
      this.actorWildcard = actorCode;
      this.objectActorType = -1;
      this.wildcardActorType = actorType;
      this.base = 0;
    } else if (actor.isUserset()) {
      int rel = index.relationId(actor.relation());
      long object = objectId(actor.id());
      this.actorCode = Codes.subject(actorType, object, rel);
      this.actorWildcard = -1;
      this.objectActorType = -1;
      this.wildcardActorType = -1;
      this.base = 1;
      path[0] = Codes.node(actorType, object, rel);
    } else {
      this.actorCode = Codes.subject(actorType, objectId(actor.id()), 0);
      this.actorWildcard = Codes.subject(actorType, Codes.WILDCARD, 0);
      this.objectActorType = actorType;
      this.wildcardActorType = actorType;
      this.base = 0;
    }
    this.maxDepth = options.maxDepth() + base;
    if (query.resource() != null) {
      this.resourceType = index.typeId(query.resource().type());
      this.resourceObject = objectId(query.resource().id());
    } else {
      this.resourceType = -1;
      this.resourceObject = -1;
    }
  }

  /** The CEL bindings of this query, made when the first expression is evaluated. */
  final CelBindings bindings() {
    if (bindings == null) {
      bindings =
          new CelBindings(
              plan,
              index,
              query,
              clock,
              this::objectName,
              actorType,
              Codes.subjectObject(actorCode),
              resourceType,
              resourceObject);
    }
    return bindings;
  }

  /** The number of an object id for this query: the index's, or a local one. */
  long objectId(String id) {
    if (scope == null) {
      long n = index.objectId(id);
      if (n >= 0) {
        return n;
      }
      scope = new RequestScope(index, query);
    }
    return scope.objectId(id);
  }

  /** The truth of {@code relation} on {@code type:object} for the query's actor. */
  Truth evaluate(int type, long object, int relation) {
    depth = base;
    lowestCut = NO_CUT;
    return relation(type, object, relation);
  }

  /** Object numbers of {@code type} that the query's contextual grants name, on either side. */
  long[] contextualObjects(int type) {
    LongSet out = new LongSet();
    if (scope != null) {
      for (int i = 0; i < scope.grantCount(); i++) {
        if (Codes.nodeType(scope.node(i)) == type) {
          out.add(Codes.nodeObject(scope.node(i)));
        }
        long code = scope.code(i);
        if (Codes.subjectType(code) == type
            && Codes.subjectRelation(code) == 0
            && Codes.subjectObject(code) != Codes.WILDCARD) {
          out.add(Codes.subjectObject(code));
        }
      }
    }
    return out.toArray();
  }

  /** The nodes the query's contextual grants are on. */
  long[] contextualNodes() {
    if (scope == null) {
      return new long[0];
    }
    long[] out = new long[scope.grantCount()];
    for (int i = 0; i < out.length; i++) {
      out[i] = scope.node(i);
    }
    return out;
  }

  /** Calls the action with the subject code and grant of each contextual grant on the node. */
  void forEachContextual(
      long node, java.util.function.BiConsumer<Long, dev.warden.api.Grant> action) {
    if (scope == null) {
      return;
    }
    for (int i = 0; i < scope.grantCount(); i++) {
      if (scope.node(i) == node) {
        action.accept(scope.code(i), scope.grant(i));
      }
    }
  }

  /** The grant a stored node and subject code stand for, naming local objects too. */
  dev.warden.api.Grant decode(long node, long code, GrantCondition condition) {
    int rel = Codes.subjectRelation(code);
    return new dev.warden.api.Grant(
        new dev.warden.api.EntityRef(
            index.typeName(Codes.nodeType(node)), objectName(Codes.nodeObject(node))),
        index.relationName(Codes.nodeRelation(node)),
        new dev.warden.api.SubjectRef(
            index.typeName(Codes.subjectType(code)),
            objectName(Codes.subjectObject(code)),
            rel == 0 ? null : index.relationName(rel)),
        condition);
  }

  /** The id of an object number, local or not. */
  String nameOf(long object) {
    return objectName(object);
  }

  /** The query this evaluator answers. */
  Query query() {
    return query;
  }

  // ---------------------------------------------------------------- relations

  /** Whether the actor has {@code relation} on {@code type:object}. */
  final Truth relation(int type, long object, int relation) {
    RelationPlan p = plan.relation(type, relation);
    if (p == null) {
      return notDeclared(type, object, relation);
    }
    long node = Codes.node(type, object, relation);
    if (memo != null) {
      Truth known = memo.get(node);
      if (known != null) {
        return known;
      }
    }
    for (int i = 0; i < depth; i++) {
      if (path[i] == node) {
        if (i < base) {
          return self(type, object, relation);
        }
        lowestCut = Math.min(lowestCut, i);
        return cycle(type, object, relation);
      }
    }
    if (depth == maxDepth) {
      throw new WardenException(
          ErrorCode.DEPTH_EXCEEDED,
          "the check followed more than "
              + maxDepth
              + " nested relations (at `"
              + label(type, object, relation)
              + "`); the data may be too deep or the depth limit too low");
    }
    if (depth == path.length) {
      path = Arrays.copyOf(path, depth * 2);
    }
    int here = depth;
    int outerCut = lowestCut;
    lowestCut = NO_CUT;
    path[depth++] = node;
    Truth acc = parts(p.parts, type, object, relation);
    depth--;
    // A cut at or below this relation's own position is resolved within its subtree, so the
    // result is exact; a cut above it means the result assumed an ancestor false.
    boolean exact = lowestCut >= here;
    if (exact && memo != null) {
      memo.put(node, acc);
    }
    lowestCut = Math.min(outerCut, exact ? NO_CUT : lowestCut);
    return acc;
  }

  /** A relation the type does not declare. */
  Truth notDeclared(int type, long object, int relation) {
    return Truth.FALSE;
  }

  /** The userset actor's own relation: a userset contains itself. */
  Truth self(int type, long object, int relation) {
    return Truth.TRUE;
  }

  /** A relation already being evaluated on this path: false for this branch (least fixpoint). */
  Truth cycle(int type, long object, int relation) {
    return Truth.FALSE;
  }

  /** The rules of {@code type:object#relation}, entered on the path: true when any is. */
  Truth parts(Node[] parts, int type, long object, int relation) {
    return anyOf(parts, type, object);
  }

  // ---------------------------------------------------------------- combinators

  /** Any child true; stops at the first true one. */
  Truth union(Node[] children, int type, long object) {
    return anyOf(children, type, object);
  }

  private Truth anyOf(Node[] children, int type, long object) {
    Truth acc = Truth.FALSE;
    for (Node c : children) {
      acc = acc.or(c.evaluate(this, type, object));
      if (acc == Truth.TRUE) {
        return acc;
      }
    }
    return acc;
  }

  /** Every child true; stops at the first false one. */
  Truth intersection(Node[] children, int type, long object) {
    Truth acc = Truth.TRUE;
    for (Node c : children) {
      acc = acc.and(c.evaluate(this, type, object));
      if (acc == Truth.FALSE) {
        return acc;
      }
    }
    return acc;
  }

  /** {@code base and not excluded}; the excluded part only when the base may hold. */
  Truth exclusion(Node.Exclusion e, int type, long object) {
    Truth b = e.base.evaluate(this, type, object);
    if (b == Truth.FALSE) {
      return b;
    }
    return b.and(e.excluded.evaluate(this, type, object).not());
  }

  /** One labelled rule of a relation. */
  Truth rule(Node.RuleNode r, int type, long object) {
    return r.body.evaluate(this, type, object);
  }

  // ---------------------------------------------------------------- grants

  /**
   * Whether the actor holds a grant of the node's relation on {@code type:object}.
   *
   * <p>The actor's own and wildcard grants are found in the actor's node lists (the reverse index),
   * fetched once per evaluation and small, so a chain of role checks costs one hash probe rather
   * than one per role. The node's subject array is read only when the relation accepts usersets.
   * Stored grants whose subject shape the active policy does not accept are skipped.
   */
  Truth grants(int type, long object, Node.Direct direct) {
    Admission admission = direct.admission;
    long node = Codes.node(type, object, direct.relation);
    if (admission.object(objectActorType) && holds(actorNodes(), node, actorCode)) {
      return Truth.TRUE;
    }
    Truth acc = Truth.FALSE;
    // Kept as it was: a wildcard grant does not skip the other grants, which may still reach the
    // depth limit; stopping here would change which checks fail.
    if (admission.wildcard(wildcardActorType) && holds(wildcardNodes(), node, actorWildcard)) {
      acc = Truth.TRUE;
    }
    if (admission.usersets.length > 0) {
      acc = acc.or(usersets(index.subjects(node), admission));
    }
    if (index.hasConditionalGrants()) {
      acc = acc.or(conditionalGrants(node, admission));
    }
    return acc.or(contextualGrants(node));
  }

  /** True when the subject holds the node unconditionally, given the subject's node list. */
  final boolean holds(long[] subjectNodes, long node, long code) {
    return Arrays.binarySearch(subjectNodes, node) >= 0
        && (!index.hasConditionalGrants() || index.holdsUnconditionally(node, code));
  }

  final long[] actorNodes() {
    if (actorNodes == null) {
      actorNodes = index.nodesOf(actorCode);
    }
    return actorNodes;
  }

  final long[] wildcardNodes() {
    if (wildcardNodes == null) {
      wildcardNodes = index.nodesOf(actorWildcard);
    }
    return wildcardNodes;
  }

  /** The userset subjects of a node, which sort after every plain subject. */
  private Truth usersets(long[] subjects, Admission admission) {
    Truth acc = Truth.FALSE;
    for (int j = firstUserset(subjects); j < subjects.length; j++) {
      long code = subjects[j];
      if (admission.userset(Codes.subjectType(code), Codes.subjectRelation(code))) {
        acc = acc.or(userset(code));
        if (acc == Truth.TRUE) {
          return acc;
        }
      }
    }
    return acc;
  }

  /** The position of the first userset subject in a node's sorted subjects. */
  static int firstUserset(long[] subjects) {
    int i = Arrays.binarySearch(subjects, Codes.firstUserset());
    return i >= 0 ? i : -i - 1;
  }

  final Truth userset(long code) {
    return relation(
        Codes.subjectType(code), Codes.subjectObject(code), Codes.subjectRelation(code));
  }

  private Truth conditionalGrants(long node, Admission admission) {
    Truth acc = Truth.FALSE;
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      long code = c.code();
      if (admission.admits(code)) {
        acc = acc.or(conditional(code, c.condition()));
        if (acc == Truth.TRUE) {
          return acc;
        }
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
      Truth t;
      if (c != null) {
        t = conditional(code, c);
      } else if (isActor(code)) {
        t = Truth.TRUE;
      } else {
        t = Codes.subjectRelation(code) != 0 ? userset(code) : Truth.FALSE;
      }
      acc = acc.or(t);
      if (acc == Truth.TRUE) {
        return acc;
      }
    }
    return acc;
  }

  /** Whether a subject code is the actor itself or its type's wildcard. */
  final boolean isActor(long code) {
    return code == actorCode || code == actorWildcard;
  }

  /** A grant under a condition: the condition, and for a userset, membership too. */
  private Truth conditional(long code, GrantCondition condition) {
    boolean direct = isActor(code);
    if (!direct && Codes.subjectRelation(code) == 0) {
      return Truth.FALSE;
    }
    Truth t = condition(condition);
    if (!direct && t != Truth.FALSE) {
      t = t.and(userset(code));
    }
    return t;
  }

  /**
   * {@code "computed" on "tupleset"}, or with {@code all}, {@code "computed" on all "tupleset"}.
   */
  Truth tupleToUserset(Node.TupleToUserset n, int type, long object) {
    if (n.all) {
      return everyRelated(n, type, object);
    }
    long node = Codes.node(type, object, n.tupleset);
    boolean usersets = n.followsUsersets();
    Truth acc = Truth.FALSE;
    for (long code : index.subjects(node)) {
      if (!usersets && Codes.subjectRelation(code) != 0) {
        break;
      }
      acc = acc.or(related(n, code, null));
      if (acc == Truth.TRUE) {
        return acc;
      }
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      acc = acc.or(related(n, c.code(), c.condition()));
      if (acc == Truth.TRUE) {
        return acc;
      }
    }
    if (scope != null) {
      for (int i = 0; i < scope.grantCount(); i++) {
        if (scope.node(i) == node) {
          acc = acc.or(related(n, scope.code(i), scope.condition(i)));
          if (acc == Truth.TRUE) {
            return acc;
          }
        }
      }
    }
    return acc;
  }

  /**
   * {@code "computed" on all "tupleset"}: every admitted grant of the tupleset relation holds (its
   * condition and the computed relation on its object); false when none does or there is none.
   * Grants whose shape the active policy no longer accepts do not count, as everywhere else.
   */
  private Truth everyRelated(Node.TupleToUserset n, int type, long object) {
    long node = Codes.node(type, object, n.tupleset);
    Admission admission = n.tuplesetAdmission;
    Truth acc = Truth.TRUE;
    boolean some = false;
    for (long code : index.subjects(node)) {
      if (admission.admits(code)) {
        some = true;
        acc = acc.and(related(n, code, null));
        if (acc == Truth.FALSE) {
          return acc;
        }
      }
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      if (admission.admits(c.code())) {
        some = true;
        acc = acc.and(related(n, c.code(), c.condition()));
        if (acc == Truth.FALSE) {
          return acc;
        }
      }
    }
    if (scope != null) {
      for (int i = 0; i < scope.grantCount(); i++) {
        if (scope.node(i) == node && admission.admits(scope.code(i))) {
          some = true;
          acc = acc.and(related(n, scope.code(i), scope.condition(i)));
          if (acc == Truth.FALSE) {
            return acc;
          }
        }
      }
    }
    return some ? acc : Truth.FALSE;
  }

  private Truth related(Node.TupleToUserset n, long code, GrantCondition condition) {
    int computed = n.computedOn(code);
    if (computed == 0) {
      return Truth.FALSE;
    }
    int t = Codes.subjectType(code);
    long o = Codes.subjectObject(code);
    if (condition == null) {
      return relation(t, o, computed);
    }
    Truth c = condition(condition);
    return c == Truth.FALSE ? c : c.and(relation(t, o, computed));
  }

  // ---------------------------------------------------------------- CEL

  /** A CEL attribute rule on {@code type:object}. */
  Truth attribute(CompiledExpression expression, int type, long object) {
    return bindings().rule(expression, type, object).truth();
  }

  /** A grant's condition; unknown when the policy does not declare it. */
  Truth condition(GrantCondition condition) {
    ConditionPlan c = plan.conditions.get(condition.name());
    return c == null
        ? Truth.UNKNOWN
        : bindings().condition(c.expression(), condition.context()).truth();
  }

  // ---------------------------------------------------------------- labels

  final String objectName(long object) {
    return scope != null ? scope.objectName(object) : index.objectName(object);
  }

  final String label(int type, long object, int relation) {
    return index.typeName(type) + ":" + objectName(object) + "#" + index.relationName(relation);
  }

  final String grantLabel(long node, long code) {
    int rel = Codes.subjectRelation(code);
    return label(Codes.nodeType(node), Codes.nodeObject(node), Codes.nodeRelation(node))
        + "@"
        + index.typeName(Codes.subjectType(code))
        + ":"
        + objectName(Codes.subjectObject(code))
        + (rel == 0 ? "" : "#" + index.relationName(rel));
  }
}
