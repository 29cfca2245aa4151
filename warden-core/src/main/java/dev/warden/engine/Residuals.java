package dev.warden.engine;

import dev.warden.api.Residual;
import dev.warden.condition.CelReferences;
import dev.warden.model.AttributeType;
import dev.warden.model.TypeDef;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the attribute rules of an action that a caller can apply itself: rules that read only
 * {@code resource.*} and sit in pure union position (reached from the action through {@code or} and
 * same-object references only), so "allowed" is exactly "granted, or the rule holds".
 */
final class Residuals {

  /** The rules found: the nodes a lookup skips and the residual it returns. */
  record Found(Set<Node> nodes, Residual residual) {}

  static final Found NONE = new Found(Set.of(), null);

  private Residuals() {}

  static Found find(PolicyPlan plan, RelationshipIndex index, TypeDef type, String action) {
    int typeId = index.typeId(type.name());
    Collector c = new Collector(plan, type);
    c.relation(typeId, index.relationId(action));
    if (c.cels.isEmpty()) {
      return NONE;
    }
    String cel = c.cels.size() == 1 ? c.cels.get(0) : "(" + String.join(") || (", c.cels) + ")";
    return new Found(c.nodes, new Residual(cel, c.types));
  }

  /**
   * Walks the steps in pure union position and gathers their resource-only attribute rules; every
   * other step (grants, intersections, exclusions, other objects) ends the walk on its branch.
   */
  private static final class Collector implements Node.Visitor<Void> {
    private final PolicyPlan plan;
    private final TypeDef def;
    private final Set<Integer> seen = new HashSet<>();
    final Set<Node> nodes = Collections.newSetFromMap(new IdentityHashMap<>());
    final List<String> cels = new ArrayList<>();
    final Map<String, String> types = new LinkedHashMap<>();

    Collector(PolicyPlan plan, TypeDef def) {
      this.plan = plan;
      this.def = def;
    }

    void relation(int type, int relation) {
      RelationPlan p = plan.relation(type, relation);
      if (p == null || !seen.add(relation)) {
        return;
      }
      for (Node part : p.parts) {
        part.accept(this, type, 0);
      }
    }

    @Override
    public Void rule(Node.RuleNode r, int type, long object) {
      return r.body.accept(this, type, object);
    }

    @Override
    public Void union(Node.Union u, int type, long object) {
      for (Node c : u.children) {
        c.accept(this, type, object);
      }
      return null;
    }

    @Override
    public Void computed(Node.Computed c, int type, long object) {
      relation(type, c.relation);
      return null;
    }

    @Override
    public Void attribute(Node.Attribute a, int type, long object) {
      Map<String, String> read = new LinkedHashMap<>();
      for (String ref : CelReferences.of(a.expression.source())) {
        if (!ref.startsWith("resource.")) {
          return null;
        }
        String name = ref.substring("resource.".length());
        AttributeType t = def.attributes().get(name);
        read.put(name, t == null ? "string" : t.toString());
      }
      nodes.add(a);
      cels.add(a.expression.source());
      types.putAll(read);
      return null;
    }

    @Override
    public Void direct(Node.Direct d, int type, long object) {
      return null;
    }

    @Override
    public Void tupleToUserset(Node.TupleToUserset t, int type, long object) {
      return null;
    }

    @Override
    public Void intersection(Node.Intersection i, int type, long object) {
      return null;
    }

    @Override
    public Void exclusion(Node.Exclusion e, int type, long object) {
      return null;
    }
  }
}
