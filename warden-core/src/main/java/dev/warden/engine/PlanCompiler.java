package dev.warden.engine;

import dev.warden.condition.CompiledExpression;
import dev.warden.condition.ExpressionScope;
import dev.warden.model.AttributeType;
import dev.warden.model.ConditionDef;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Compiles a {@link Policy} into a {@link PolicyPlan} for one index. */
final class PlanCompiler {

  private final Policy policy;
  private final RelationshipIndex index;
  private final Map<String, AttributeType> actorAttributes;

  /**
   * Expressions compiled so far, per scope (one per type) and source. A CEL compilation costs
   * milliseconds, so a rule repeating {@code not resource.archived} thousands of times took minutes
   * to activate; a compiled expression is immutable and thread-safe, so one instance serves every
   * place its text appears in the type.
   */
  private final IdentityHashMap<ExpressionScope, Map<String, CompiledExpression>> compiled =
      new IdentityHashMap<>();

  private PlanCompiler(Policy policy, RelationshipIndex index) {
    this.policy = policy;
    this.index = index;
    this.actorAttributes = actorAttributes(policy);
  }

  /** The plan; interns every type and relation name of the policy in the index first. */
  static PolicyPlan compile(Policy policy, RelationshipIndex index) {
    Set<String> relations = new LinkedHashSet<>();
    policy.types().values().forEach(t -> relations.addAll(t.relations().keySet()));
    index.intern(policy.types().keySet(), relations);
    return new PlanCompiler(policy, index).build();
  }

  private PolicyPlan build() {
    int maxType = 0;
    for (String name : policy.types().keySet()) {
      maxType = Math.max(maxType, index.typeId(name));
    }
    TypePlan[] types = new TypePlan[maxType + 1];
    for (TypeDef t : policy.types().values()) {
      int id = index.typeId(t.name());
      types[id] = typePlan(t);
    }
    Map<String, ConditionPlan> conditions = new HashMap<>();
    for (ConditionDef c : policy.conditions().values()) {
      CompiledExpression e =
          CompiledExpression.compile(c.cel(), ExpressionScope.forCondition(c.parameters()));
      conditions.put(c.name(), new ConditionPlan(c, e));
    }
    return new PolicyPlan(policy, types, Map.copyOf(conditions));
  }

  private TypePlan typePlan(TypeDef t) {
    int maxRelation = 0;
    for (String r : t.relations().keySet()) {
      maxRelation = Math.max(maxRelation, index.relationId(r));
    }
    RelationPlan[] relations = new RelationPlan[maxRelation + 1];
    ExpressionScope scope = ExpressionScope.forRule(actorAttributes, t.attributes());
    for (RelationDef r : t.relations().values()) {
      int rid = index.relationId(r.name());
      relations[rid] = relationPlan(rid, t, r, scope);
    }
    return new TypePlan(t, relations);
  }

  private RelationPlan relationPlan(int rid, TypeDef t, RelationDef r, ExpressionScope scope) {
    List<Node> parts = new ArrayList<>();
    if (r.kind().grantable()) {
      parts.add(new Node.Direct(rid, admission(t, r)));
    }
    List<Node> costly = new ArrayList<>();
    for (Rule rule : r.rules()) {
      Node body = node(rule.body(), t, scope);
      (hasAttribute(rule.body()) ? costly : parts).add(new Node.RuleNode(body, rule.text()));
    }
    parts.addAll(costly);
    return new RelationPlan(t.name() + "#" + r.name(), r.kind(), parts.toArray(new Node[0]));
  }

  /** The subject shapes grants of {@code t#r} may have, resolved to index numbers. */
  private Admission admission(TypeDef t, RelationDef r) {
    boolean[] objects = new boolean[maxTypeId() + 1];
    boolean[] wildcards = new boolean[objects.length];
    for (SubjectType st : r.subjectTypes()) {
      if (policy.type(st.type()) == null || st.relation() != null) {
        continue;
      }
      (st.wildcard() ? wildcards : objects)[index.typeId(st.type())] = true;
    }
    int[][] usersets =
        r.subjectTypes().stream()
            .map(SubjectType::shape)
            .distinct() // `G#m | G#m with c` is one userset to follow
            .filter(
                st -> st.relation() != null && policy.relation(st.type(), st.relation()) != null)
            .map(st -> new int[] {index.typeId(st.type()), index.relationId(st.relation())})
            .toArray(int[][]::new);
    String accepted =
        r.subjectTypes().stream().map(SubjectType::toString).collect(Collectors.joining(", "));
    return new Admission(objects, wildcards, usersets, t.name() + "#" + r.name(), accepted);
  }

  private Node node(Rewrite rw, TypeDef t, ExpressionScope scope) {
    if (rw instanceof Rewrite.Direct) {
      throw new IllegalArgumentException("a rule body cannot be a bare `direct` rewrite");
    } else if (rw instanceof Rewrite.Computed c) {
      return new Node.Computed(relationId(t, c.relation()));
    } else if (rw instanceof Rewrite.TupleToUserset ttu) {
      return tupleToUserset(t, ttu);
    } else if (rw instanceof Rewrite.Union u) {
      return new Node.Union(nodes(u.children(), t, scope));
    } else if (rw instanceof Rewrite.Intersection i) {
      return new Node.Intersection(nodes(i.children(), t, scope));
    } else if (rw instanceof Rewrite.Exclusion e) {
      return new Node.Exclusion(node(e.base(), t, scope), node(e.excluded(), t, scope));
    } else if (rw instanceof Rewrite.Attribute a) {
      return new Node.Attribute(
          compiled
              .computeIfAbsent(scope, k -> new HashMap<>())
              .computeIfAbsent(a.cel(), cel -> CompiledExpression.compile(cel, scope)));
    }
    throw new IllegalArgumentException("unsupported rewrite " + rw);
  }

  private Node[] nodes(List<Rewrite> children, TypeDef t, ExpressionScope scope) {
    Node[] out = new Node[children.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node(children.get(i), t, scope);
    }
    return out;
  }

  private Node tupleToUserset(TypeDef t, Rewrite.TupleToUserset ttu) {
    RelationDef tupleset = relation(t, ttu.tupleset());
    int[] computedByType = new int[Math.max(1, maxTypeId() + 1)];
    boolean usersets = tupleset.subjectTypes().stream().anyMatch(st -> st.relation() != null);
    int[] computedViaUserset = new int[usersets ? computedByType.length : 0];
    for (SubjectType st : tupleset.subjectTypes()) {
      TypeDef target = policy.type(st.type());
      if (st.wildcard() || target == null || target.relation(ttu.computed()) == null) {
        continue;
      }
      int[] into = st.relation() == null ? computedByType : computedViaUserset;
      into[index.typeId(st.type())] = index.relationId(ttu.computed());
    }
    return new Node.TupleToUserset(
        index.relationId(ttu.tupleset()),
        computedByType,
        computedViaUserset,
        ttu.all(),
        ttu.computed(),
        ttu.toString(),
        admission(t, tupleset));
  }

  private int maxTypeId() {
    int max = 0;
    for (String name : policy.types().keySet()) {
      max = Math.max(max, index.typeId(name));
    }
    return max;
  }

  private int relationId(TypeDef t, String name) {
    relation(t, name);
    return index.relationId(name);
  }

  private static RelationDef relation(TypeDef t, String name) {
    RelationDef r = t.relation(name);
    if (r == null) {
      throw new IllegalArgumentException("`" + t.name() + "` has no relation `" + name + "`");
    }
    return r;
  }

  private static boolean hasAttribute(Rewrite rw) {
    if (rw instanceof Rewrite.Attribute) {
      return true;
    } else if (rw instanceof Rewrite.Union u) {
      return u.children().stream().anyMatch(PlanCompiler::hasAttribute);
    } else if (rw instanceof Rewrite.Intersection i) {
      return i.children().stream().anyMatch(PlanCompiler::hasAttribute);
    } else if (rw instanceof Rewrite.Exclusion e) {
      return hasAttribute(e.base()) || hasAttribute(e.excluded());
    }
    return false;
  }

  /** Attributes visible as {@code actor.x}: those every declaring actor type agrees on. */
  private static Map<String, AttributeType> actorAttributes(Policy policy) {
    Map<String, AttributeType> out = new LinkedHashMap<>();
    for (TypeDef t : policy.types().values()) {
      if (t.kind() == TypeKind.ACTOR) {
        for (String name : t.attributes().keySet()) {
          AttributeType agreed = policy.actorAttribute(name);
          if (agreed != null) {
            out.put(name, agreed);
          }
        }
      }
    }
    return out;
  }
}
