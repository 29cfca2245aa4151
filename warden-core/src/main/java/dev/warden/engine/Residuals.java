package dev.warden.engine;

import dev.warden.api.Residual;
import dev.warden.condition.CelReferences;
import dev.warden.model.AttributeType;
import dev.warden.model.TypeDef;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
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
    Set<Node> nodes = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    List<String> cels = new ArrayList<>();
    Map<String, String> types = new LinkedHashMap<>();
    collect(plan, typeId, index.relationId(action), type, new HashSet<>(), nodes, cels, types);
    if (cels.isEmpty()) {
      return NONE;
    }
    String cel = cels.size() == 1 ? cels.get(0) : "(" + String.join(") || (", cels) + ")";
    return new Found(nodes, new Residual(cel, types));
  }

  private static void collect(
      PolicyPlan plan,
      int type,
      int relation,
      TypeDef def,
      Set<Integer> seen,
      Set<Node> nodes,
      List<String> cels,
      Map<String, String> types) {
    RelationPlan p = plan.relation(type, relation);
    if (p == null || !seen.add(relation)) {
      return;
    }
    for (Node part : p.parts) {
      visit(plan, type, part, def, seen, nodes, cels, types);
    }
  }

  private static void visit(
      PolicyPlan plan,
      int type,
      Node n,
      TypeDef def,
      Set<Integer> seen,
      Set<Node> nodes,
      List<String> cels,
      Map<String, String> types) {
    if (n instanceof Node.RuleNode r) {
      visit(plan, type, r.body, def, seen, nodes, cels, types);
    } else if (n instanceof Node.Union u) {
      for (Node c : u.children) {
        visit(plan, type, c, def, seen, nodes, cels, types);
      }
    } else if (n instanceof Node.Computed c) {
      collect(plan, type, c.relation, def, seen, nodes, cels, types);
    } else if (n instanceof Node.Attribute a) {
      Set<String> refs = CelReferences.of(a.expression.source());
      Map<String, String> read = new LinkedHashMap<>();
      for (String ref : refs) {
        if (!ref.startsWith("resource.")) {
          return;
        }
        String name = ref.substring("resource.".length());
        AttributeType t = def.attributes().get(name);
        read.put(name, t == null ? "string" : t.toString());
      }
      nodes.add(n);
      cels.add(a.expression.source());
      types.putAll(read);
    }
  }
}
