package dev.warden.engine;

import dev.warden.api.ErrorCode;
import dev.warden.api.ExplainNode.Kind;
import dev.warden.api.GrantCondition;
import dev.warden.api.WardenException;
import dev.warden.condition.CompiledExpression;
import dev.warden.condition.Evaluation;
import dev.warden.model.Truth;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;
import java.util.Arrays;

/**
 * Evaluates one request: walks the plan for a fixed actor, keeping the path of relations it is
 * inside (for cycle safety and the depth limit). The CEL expressions it meets read their values
 * from its {@link CelBindings}. Single use, single thread.
 */
final class Evaluator {

  private static final int NO_CUT = Integer.MAX_VALUE;

  private final PolicyPlan plan;
  private final RelationshipIndex index;
  private final Query query;
  private RequestScope scope;
  private final Tracer tracer;
  private final TruthMemo memo;
  private final int maxDepth;

  private final int actorType;
  private final long actorCode;
  private final long actorWildcard;

  private long[] path = new long[8];
  private long[] actorNodes;
  private long[] wildcardNodes;
  private int depth;
  private int lowestCut = NO_CUT;

  private final CelBindings bindings;

  /**
   * An evaluator for one query.
   *
   * @param memo shared sub-results, or null to memoize nothing (single checks, explain)
   * @param tracer records an explanation, or null
   */
  Evaluator(
      PolicyPlan plan,
      RelationshipIndex index,
      Query query,
      EngineOptions options,
      TruthMemo memo,
      Tracer tracer) {
    this.plan = plan;
    this.index = index;
    this.query = query;
    this.tracer = tracer;
    this.memo = memo;
    this.maxDepth = options.maxDepth();
    this.scope = query.contextualGrants().isEmpty() ? null : new RequestScope(index, query);
    this.actorType = index.typeId(query.actor().type());
    this.actorCode = Codes.subject(actorType, objectId(query.actor().id()), 0);
    this.actorWildcard = Codes.subject(actorType, Codes.WILDCARD, 0);
    int resourceType = -1;
    long resourceObject = -1;
    if (query.resource() != null) {
      resourceType = index.typeId(query.resource().type());
      resourceObject = objectId(query.resource().id());
    }
    this.bindings =
        new CelBindings(
            plan,
            index,
            query,
            options.clock(),
            this::objectName,
            actorType,
            Codes.subjectObject(actorCode),
            resourceType,
            resourceObject);
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
    depth = 0;
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

  boolean tracing() {
    return tracer != null;
  }

  Tracer trace() {
    return tracer;
  }

  // ---------------------------------------------------------------- relations

  /** Whether the actor has {@code relation} on {@code type:object}. */
  Truth relation(int type, long object, int relation) {
    RelationPlan p = plan.relation(type, relation);
    if (p == null) {
      return tracing()
          ? tracer.leaf(
              Kind.RELATION,
              label(type, object, relation),
              Truth.FALSE,
              "not declared on this type")
          : Truth.FALSE;
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
        lowestCut = Math.min(lowestCut, i);
        return tracing()
            ? tracer.leaf(
                Kind.CYCLE,
                label(type, object, relation),
                Truth.FALSE,
                "already being evaluated on this path")
            : Truth.FALSE;
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
    if (tracing()) {
      tracer.open(Kind.RELATION, label(type, object, relation));
    }
    Truth acc = Truth.FALSE;
    for (Node part : p.parts) {
      acc = acc.or(part.evaluate(this, type, object));
      if (acc == Truth.TRUE && !tracing()) {
        break;
      }
    }
    depth--;
    // A cut at or below this relation's own position is resolved within its subtree, so the
    // result is exact; a cut above it means the result assumed an ancestor false.
    boolean exact = lowestCut >= here;
    if (exact && memo != null) {
      memo.put(node, acc);
    }
    lowestCut = Math.min(outerCut, exact ? NO_CUT : lowestCut);
    return tracing() ? tracer.close(acc, "") : acc;
  }

  /**
   * Whether the actor holds a grant of the node's relation on {@code type:object}.
   *
   * <p>The actor's own and wildcard grants are found in the actor's node lists (the reverse index),
   * fetched once per evaluation and small, so a chain of role checks costs one hash probe rather
   * than one per role. The node's subject array is read only when the relation accepts usersets.
   * Stored grants whose subject shape the active policy does not accept are skipped (and shown as
   * ignored when explaining).
   */
  Truth grants(int type, long object, Node.Direct direct) {
    int relation = direct.relation;
    Admission admission = direct.admission;
    long node = Codes.node(type, object, relation);
    if (tracing()) {
      tracer.open(Kind.GRANTS, "grants of " + label(type, object, relation));
    }
    Truth acc = Truth.FALSE;
    if (admission.object(actorType)) {
      if (holds(actorNodes(), node, actorCode)) {
        acc = matched(node, actorCode);
      }
    } else if (tracing() && holds(actorNodes(), node, actorCode)) {
      ignored(node, actorCode, admission);
    }
    if (acc != Truth.TRUE || tracing()) {
      if (admission.wildcard(actorType)) {
        if (holds(wildcardNodes(), node, actorWildcard)) {
          acc = acc.or(matched(node, actorWildcard));
        }
      } else if (tracing() && holds(wildcardNodes(), node, actorWildcard)) {
        ignored(node, actorWildcard, admission);
      }
      if (admission.usersets.length > 0 || tracing()) {
        acc = acc.or(usersets(node, index.subjects(node), admission));
      }
      if (index.hasConditionalGrants()) {
        acc = acc.or(conditionalGrants(node, admission));
      }
      acc = acc.or(contextualGrants(node));
    }
    if (!tracing()) {
      return acc;
    }
    return tracer.close(acc, acc == Truth.FALSE ? "no grant reaches " + query.actor() : "");
  }

  /** Records, when explaining, a stored grant that reaches the actor but does not count. */
  private void ignored(long node, long code, Admission admission) {
    int rel = Codes.subjectRelation(code);
    String type = index.typeName(Codes.subjectType(code));
    String shape =
        rel != 0
            ? type + "#" + index.relationName(rel)
            : Codes.subjectObject(code) == Codes.WILDCARD ? type + ":*" : type;
    tracer.leaf(Kind.GRANT, grantLabel(node, code), Truth.FALSE, admission.ignored(shape));
  }

  /** True when the subject holds the node unconditionally, given the subject's node list. */
  private boolean holds(long[] subjectNodes, long node, long code) {
    return Arrays.binarySearch(subjectNodes, node) >= 0
        && (!index.hasConditionalGrants() || index.holdsUnconditionally(node, code));
  }

  private long[] actorNodes() {
    if (actorNodes == null) {
      actorNodes = index.nodesOf(actorCode);
    }
    return actorNodes;
  }

  private long[] wildcardNodes() {
    if (wildcardNodes == null) {
      wildcardNodes = index.nodesOf(actorWildcard);
    }
    return wildcardNodes;
  }

  private Truth matched(long node, long code) {
    return tracing() ? tracer.leaf(Kind.GRANT, grantLabel(node, code), Truth.TRUE, "") : Truth.TRUE;
  }

  /** The userset subjects of a node, which sort after every plain subject. */
  private Truth usersets(long node, long[] subjects, Admission admission) {
    int i = Arrays.binarySearch(subjects, Codes.firstUserset());
    Truth acc = Truth.FALSE;
    for (int j = i >= 0 ? i : -i - 1; j < subjects.length; j++) {
      long code = subjects[j];
      if (!admission.userset(Codes.subjectType(code), Codes.subjectRelation(code))) {
        if (tracing()) {
          ignored(node, code, admission);
        }
        continue;
      }
      acc = acc.or(userset(code));
      if (acc == Truth.TRUE && !tracing()) {
        return acc;
      }
    }
    return acc;
  }

  private Truth userset(long code) {
    return relation(
        Codes.subjectType(code), Codes.subjectObject(code), Codes.subjectRelation(code));
  }

  private Truth conditionalGrants(long node, Admission admission) {
    Truth acc = Truth.FALSE;
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      long code = c.code();
      if (!admission.admits(code)) {
        if (tracing()
            && (code == actorCode || code == actorWildcard || Codes.subjectRelation(code) != 0)) {
          ignored(node, code, admission);
        }
        continue;
      }
      acc = acc.or(conditional(node, code, c.condition()));
      if (acc == Truth.TRUE && !tracing()) {
        return acc;
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
        t = conditional(node, code, c);
      } else if (code == actorCode || code == actorWildcard) {
        t = matched(node, code);
      } else {
        t = Codes.subjectRelation(code) != 0 ? userset(code) : Truth.FALSE;
      }
      acc = acc.or(t);
      if (acc == Truth.TRUE && !tracing()) {
        return acc;
      }
    }
    return acc;
  }

  /** A grant under a condition: the condition, and for a userset, membership too. */
  private Truth conditional(long node, long code, GrantCondition condition) {
    boolean direct = code == actorCode || code == actorWildcard;
    if (!direct && Codes.subjectRelation(code) == 0) {
      return Truth.FALSE;
    }
    if (tracing()) {
      tracer.open(Kind.GRANT, grantLabel(node, code) + " [" + condition.name() + "]");
    }
    Truth t = condition(condition);
    if (!direct && (t != Truth.FALSE || tracing())) {
      t = t.and(userset(code));
    }
    return tracing() ? tracer.close(t, "") : t;
  }

  /** {@code "computed" on "tupleset"}. */
  Truth tupleToUserset(Node.TupleToUserset n, int type, long object) {
    long node = Codes.node(type, object, n.tupleset);
    if (tracing()) {
      tracer.open(Kind.TUPLE_TO_USERSET, n.label + " of " + label(type, object, n.tupleset));
    }
    Truth acc = Truth.FALSE;
    for (long code : index.subjects(node)) {
      if (Codes.subjectRelation(code) != 0) {
        break;
      }
      acc = acc.or(related(n, node, code, null));
      if (acc == Truth.TRUE && !tracing()) {
        return acc;
      }
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      acc = acc.or(related(n, node, c.code(), c.condition()));
      if (acc == Truth.TRUE && !tracing()) {
        return acc;
      }
    }
    if (scope != null) {
      for (int i = 0; i < scope.grantCount(); i++) {
        if (scope.node(i) == node) {
          acc = acc.or(related(n, node, scope.code(i), scope.condition(i)));
          if (acc == Truth.TRUE && !tracing()) {
            return acc;
          }
        }
      }
    }
    return tracing()
        ? tracer.close(acc, acc == Truth.FALSE ? "no related object grants it" : "")
        : acc;
  }

  private Truth related(Node.TupleToUserset n, long node, long code, GrantCondition condition) {
    int t = Codes.subjectType(code);
    long o = Codes.subjectObject(code);
    if (Codes.subjectRelation(code) != 0 || o == Codes.WILDCARD) {
      return Truth.FALSE;
    }
    int computed = t < n.computedByType.length ? n.computedByType[t] : 0;
    if (computed == 0) {
      if (tracing() && !n.tuplesetAdmission.object(t)) {
        tracer.leaf(
            Kind.GRANT,
            grantLabel(node, code),
            Truth.FALSE,
            n.tuplesetAdmission.ignored(index.typeName(t)));
      }
      return Truth.FALSE;
    }
    if (condition == null) {
      return relation(t, o, computed);
    }
    Truth c = condition(condition);
    return c == Truth.FALSE && !tracing() ? c : c.and(relation(t, o, computed));
  }

  // ---------------------------------------------------------------- CEL

  /** A CEL attribute rule on {@code type:object}. */
  Truth attribute(CompiledExpression expression, int type, long object) {
    Evaluation e = bindings.rule(expression, type, object);
    if (!tracing()) {
      return e.truth();
    }
    return tracer.leaf(
        Kind.ATTRIBUTE, expression.source(), e.truth(), String.join("; ", e.problems()));
  }

  private Truth condition(GrantCondition condition) {
    ConditionPlan c = plan.conditions.get(condition.name());
    if (c == null) {
      return tracing()
          ? tracer.leaf(
              Kind.CONDITION,
              condition.name(),
              Truth.UNKNOWN,
              "condition `" + condition.name() + "` is not declared in the policy")
          : Truth.UNKNOWN;
    }
    Evaluation e = bindings.condition(c.expression(), condition.context());
    if (!tracing()) {
      return e.truth();
    }
    return tracer.leaf(
        Kind.CONDITION, condition.name(), e.truth(), String.join("; ", e.problems()));
  }

  // ---------------------------------------------------------------- labels

  private String objectName(long object) {
    return scope != null ? scope.objectName(object) : index.objectName(object);
  }

  private String label(int type, long object, int relation) {
    return index.typeName(type) + ":" + objectName(object) + "#" + index.relationName(relation);
  }

  private String grantLabel(long node, long code) {
    int rel = Codes.subjectRelation(code);
    return label(Codes.nodeType(node), Codes.nodeObject(node), Codes.nodeRelation(node))
        + "@"
        + index.typeName(Codes.subjectType(code))
        + ":"
        + objectName(Codes.subjectObject(code))
        + (rel == 0 ? "" : "#" + index.relationName(rel));
  }
}
