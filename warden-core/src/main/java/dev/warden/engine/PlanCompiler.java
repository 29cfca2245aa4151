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
    // One grants step per relation: where the rules name it (`this`) it stands there instead of
    // beside them, so a plain relation's plan is as before.
    Node.Direct own = r.kind().grantable() ? new Node.Direct(rid, admission(t, r)) : null;
    if (own != null && !r.usesThis()) {
      parts.add(own);
    }
    List<Node> costly = new ArrayList<>();
    for (Rule rule : r.rules()) {
      Node body = node(rule.body(), t, scope, own);
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

  /**
   * The step of a rule part; {@code own} is the grants step of the rule's relation, which {@code
   * this} stands for, or null for a permission.
   */
  private Node node(Rewrite rw, TypeDef t, ExpressionScope scope, Node.Direct own) {
    if (rw instanceof Rewrite.Direct) {
      if (own == null) {
        throw new IllegalArgumentException("`this` in a rule of a permission, which has no grants");
      }
      return own;
    } else if (rw instanceof Rewrite.Computed c) {
      return new Node.Computed(relationId(t, c.relation()));
    } else if (rw instanceof Rewrite.TupleToUserset ttu) {
      return tupleToUserset(t, ttu);
    } else if (rw instanceof Rewrite.Union u) {
      return new Node.Union(nodes(u.children(), t, scope, own));
    } else if (rw instanceof Rewrite.Intersection i) {
      return new Node.Intersection(nodes(i.children(), t, scope, own));
    } else if (rw instanceof Rewrite.Exclusion e) {
      return new Node.Exclusion(node(e.base(), t, scope, own), node(e.excluded(), t, scope, own));
    } else if (rw instanceof Rewrite.Attribute a) {
      return new Node.Attribute(
          compiled
              .computeIfAbsent(scope, k -> new HashMap<>())
              .computeIfAbsent(a.cel(), cel -> CompiledExpression.compile(cel, scope)));
    }
    throw new IllegalArgumentException("unsupported rewrite " + rw);
  }

  private Node[] nodes(List<Rewrite> children, TypeDef t, ExpressionScope scope, Node.Direct own) {
    Node[] out = new Node[children.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = node(children.get(i), t, scope, own);
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
