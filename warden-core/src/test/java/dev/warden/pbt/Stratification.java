package dev.warden.pbt;

import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The type-level dependency graph of a policy, for the reference evaluator: nodes are {@code
 * Type#relation}; an edge goes from a relation to everything its value can depend on, marked
 * negative when inside an excluded part. Strongly connected components in dependency order let the
 * reference evaluate stratum by stratum.
 */
final class Stratification {

  record Edge(String to, boolean negative) {}

  private final Map<String, List<Edge>> edges = new LinkedHashMap<>();

  private Stratification(Policy policy) {
    for (TypeDef t : policy.types().values()) {
      for (RelationDef r : t.relations().values()) {
        List<Edge> out = new ArrayList<>();
        // A rule that excludes `this` excludes the grants, and so the usersets they reach.
        boolean grantsExcluded = r.rules().stream().anyMatch(x -> excludesThis(x.body(), false));
        for (SubjectType st : r.subjectTypes()) {
          if (st.relation() != null) {
            out.add(new Edge(st.type() + "#" + st.relation(), grantsExcluded));
          }
        }
        for (Rule rule : r.rules()) {
          collect(policy, t, rule.body(), false, out);
        }
        edges.put(t.name() + "#" + r.name(), out);
      }
    }
  }

  private static boolean excludesThis(Rewrite rw, boolean negative) {
    if (rw instanceof Rewrite.Direct) {
      return negative;
    } else if (rw instanceof Rewrite.Union u) {
      return u.children().stream().anyMatch(c -> excludesThis(c, negative));
    } else if (rw instanceof Rewrite.Intersection i) {
      return i.children().stream().anyMatch(c -> excludesThis(c, negative));
    } else if (rw instanceof Rewrite.Exclusion e) {
      return excludesThis(e.base(), negative) || excludesThis(e.excluded(), true);
    }
    return false;
  }

  private static void collect(Policy p, TypeDef t, Rewrite rw, boolean negative, List<Edge> out) {
    if (rw instanceof Rewrite.Computed c) {
      out.add(new Edge(t.name() + "#" + c.relation(), negative));
    } else if (rw instanceof Rewrite.TupleToUserset ttu) {
      out.add(new Edge(t.name() + "#" + ttu.tupleset(), negative));
      for (SubjectType st : t.relation(ttu.tupleset()).subjectTypes()) {
        TypeDef target = p.type(st.type());
        if (target != null && target.relation(ttu.computed()) != null) {
          out.add(new Edge(st.type() + "#" + ttu.computed(), negative));
        }
      }
    } else if (rw instanceof Rewrite.Union u) {
      u.children().forEach(c -> collect(p, t, c, negative, out));
    } else if (rw instanceof Rewrite.Intersection i) {
      i.children().forEach(c -> collect(p, t, c, negative, out));
    } else if (rw instanceof Rewrite.Exclusion e) {
      collect(p, t, e.base(), negative, out);
      collect(p, t, e.excluded(), true, out);
    }
  }

  /** True when some cycle goes through a negative edge (the policy would be rejected). */
  static boolean hasNegativeCycle(Policy policy) {
    Stratification s = new Stratification(policy);
    Map<String, Integer> component = s.componentOf();
    for (Map.Entry<String, List<Edge>> e : s.edges.entrySet()) {
      for (Edge edge : e.getValue()) {
        if (edge.negative() && component.get(edge.to()).equals(component.get(e.getKey()))) {
          return true;
        }
      }
    }
    return false;
  }

  /** Components in dependency order: every component after all it depends on. */
  static List<List<String>> strata(Policy policy) {
    Stratification s = new Stratification(policy);
    return s.tarjan();
  }

  private Map<String, Integer> componentOf() {
    Map<String, Integer> out = new HashMap<>();
    List<List<String>> comps = tarjan();
    for (int i = 0; i < comps.size(); i++) {
      for (String n : comps.get(i)) {
        out.put(n, i);
      }
    }
    return out;
  }

  // Tarjan's algorithm emits a component only after every component reachable from it, which
  // for "depends on" edges is exactly dependency order.
  private final Map<String, Integer> index = new HashMap<>();
  private final Map<String, Integer> low = new HashMap<>();
  private final Deque<String> stack = new ArrayDeque<>();
  private final List<List<String>> result = new ArrayList<>();
  private int counter;

  private List<List<String>> tarjan() {
    index.clear();
    low.clear();
    stack.clear();
    result.clear();
    counter = 0;
    for (String n : edges.keySet()) {
      if (!index.containsKey(n)) {
        strongConnect(n);
      }
    }
    return new ArrayList<>(result);
  }

  private void strongConnect(String v) {
    index.put(v, counter);
    low.put(v, counter);
    counter++;
    stack.push(v);
    for (Edge e : edges.getOrDefault(v, List.of())) {
      String w = e.to();
      if (!edges.containsKey(w)) {
        continue;
      }
      if (!index.containsKey(w)) {
        strongConnect(w);
        low.put(v, Math.min(low.get(v), low.get(w)));
      } else if (stack.contains(w)) {
        low.put(v, Math.min(low.get(v), index.get(w)));
      }
    }
    if (low.get(v).equals(index.get(v))) {
      List<String> comp = new ArrayList<>();
      String w;
      do {
        w = stack.pop();
        comp.add(w);
      } while (!w.equals(v));
      result.add(comp);
    }
  }
}
