package dev.warden.model.validate;

import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds rewrite cycles over a graph whose nodes are {@code (type, relation)} pairs.
 *
 * <ul>
 *   <li>P501: a cycle of same-object references ({@code Computed}) never reaches a grant, so
 *       evaluating it cannot terminate. Cycles through tuple-to-usersets or usersets walk the data
 *       instead and are fine.
 *   <li>P502: a cycle with an edge inside an excluded part has no well-defined meaning. Its edges
 *       are same-object references, tuple-to-userset targets, and userset subject types. A role's
 *       usersets go through one hub node per distinct list of them (in a Warden policy every role
 *       shares one: the relations of every actor type), to keep the graph small.
 * </ul>
 *
 * <p>A rule's {@code this} adds no edge of its own: it stands for the relation's grants, whose
 * userset subject edges are there anyway. Those edges count as excluded when some rule of the
 * relation excludes {@code this} ({@code "a" and not this}).
 *
 * <p>Each strongly connected component is reported once, at its first edge in the recovery's order.
 * A node's edges are its hub edge, its userset subjects, then its rules' references in that order
 * too, so that the cycle described is the same whichever front end built the model.
 */
final class CycleFinder {

  private record Node(String type, String relation) {}

  private record Edge(int from, int to, boolean excluded, boolean sameObject, Location at) {}

  private final Recovery recovery;
  private final List<Node> nodes = new ArrayList<>();
  private final Map<Node, Integer> index = new HashMap<>();
  private final Map<List<SubjectType>, Integer> hubs = new HashMap<>();
  private final Set<Integer> hubNodes = new HashSet<>();
  private final List<Edge> edges = new ArrayList<>();

  private CycleFinder(Policy policy, Recovery recovery) {
    this.recovery = recovery;
    for (TypeDef t : policy.types().values()) {
      for (String r : t.relations().keySet()) {
        node(new Node(t.name(), r));
      }
    }
    build(policy);
  }

  static void check(Policy policy, Recovery recovery, List<Problem> out) {
    CycleFinder c = new CycleFinder(policy, recovery);
    Set<Integer> inSameObjectCycle = c.reportSameObjectCycles(out);
    c.reportCyclesThroughNot(out, inSameObjectCycle);
  }

  private int node(Node n) {
    Integer i = index.get(n);
    if (i != null) {
      return i;
    }
    nodes.add(n);
    index.put(n, nodes.size() - 1);
    return nodes.size() - 1;
  }

  // --- the graph ------------------------------------------------------------------------------

  private void build(Policy policy) {
    for (TypeDef t : policy.types().values()) {
      Set<String> excludedGrants = new HashSet<>();
      RuleParts.ofType(
          t,
          ref -> {
            if (ref.part() instanceof Rewrite.Direct && ref.excluded()) {
              excludedGrants.add(ref.at().relation());
            }
          });
      for (RelationDef r : t.relations().values()) {
        addSubjectEdges(t, r, find(t.name(), r.name()), excludedGrants.contains(r.name()));
      }
      List<Edge> ruleEdges = new ArrayList<>();
      RuleParts.ofType(t, ref -> addRuleEdges(t, ref, ruleEdges));
      edges.addAll(sorted(ruleEdges));
    }
  }

  private void addSubjectEdges(TypeDef t, RelationDef r, int from, boolean excluded) {
    List<SubjectType> usersets = new ArrayList<>();
    for (int i = 0; i < r.subjectTypes().size(); i++) {
      SubjectType s = r.subjectTypes().get(i);
      if (s.relation() == null) {
        continue;
      }
      if (r.kind() == RelationKind.ROLE) {
        usersets.add(s);
        continue;
      }
      Integer to = find(s.type(), s.relation());
      if (to != null) {
        edges.add(new Edge(from, to, excluded, false, new Location.Subject(t.name(), r.name(), i)));
      }
    }
    if (!usersets.isEmpty()) {
      edges.add(
          new Edge(from, hub(usersets), excluded, false, new Location.Name(t.name(), r.name())));
    }
  }

  /** The hub for one list of usersets, with an edge to each relation it names. */
  private int hub(List<SubjectType> usersets) {
    Integer known = hubs.get(usersets);
    if (known != null) {
      return known;
    }
    int hub = node(new Node("", "#" + hubs.size()));
    hubs.put(List.copyOf(usersets), hub);
    hubNodes.add(hub);
    for (SubjectType s : usersets) {
      Integer to = find(s.type(), s.relation());
      if (to != null) {
        edges.add(new Edge(hub, to, false, false, new Location.Name(s.type(), s.relation())));
      }
    }
    return hub;
  }

  private void addRuleEdges(TypeDef t, RuleParts.Ref ref, List<Edge> out) {
    int from = find(t.name(), ref.at().relation());
    if (ref.part() instanceof Rewrite.Computed c) {
      Integer to = find(t.name(), c.relation());
      if (to != null) {
        out.add(new Edge(from, to, ref.excluded(), true, ref.at()));
      }
    } else if (ref.part() instanceof Rewrite.TupleToUserset ttu) {
      RelationDef rel = t.relation(ttu.tupleset());
      if (rel == null || !ReferenceChecks.followable(rel)) {
        return;
      }
      for (SubjectType s : rel.subjectTypes()) {
        Integer to = find(s.type(), ttu.computed());
        if (to != null) {
          out.add(new Edge(from, to, ref.excluded(), false, ref.at()));
        }
      }
    }
  }

  private Integer find(String type, String relation) {
    return index.get(new Node(type, relation));
  }

  // --- reports --------------------------------------------------------------------------------

  private Set<Integer> reportSameObjectCycles(List<Problem> out) {
    List<Edge> sameObject = edges.stream().filter(Edge::sameObject).toList();
    int[] component = components(sameObject);
    Set<Integer> inCycle = new HashSet<>();
    Set<Integer> reported = new HashSet<>();
    for (Edge e : sorted(sameObject)) {
      int c = component[e.from()];
      if (c != component[e.to()] || !reported.add(c)) {
        continue;
      }
      List<Integer> path = path(sameObject, component, e);
      inCycle.addAll(path);
      Node n = nodes.get(e.from());
      out.add(
          Problem.of(
              ProblemCode.P501,
              e.at(),
              "`"
                  + n.relation()
                  + "` depends on itself on the same `"
                  + n.type()
                  + "`: "
                  + describe(path, false),
              "rules that reach each other on one object never reach a grant; to inherit from"
                  + " another object, follow a relation, as in `\"admin\" if \"admin\" on"
                  + " \"parent\"`"));
    }
    return inCycle;
  }

  private void reportCyclesThroughNot(List<Problem> out, Set<Integer> alreadyReported) {
    int[] component = components(edges);
    Set<Integer> reported = new HashSet<>();
    for (Edge e : sorted(edges)) {
      int c = component[e.from()];
      if (!e.excluded() || c != component[e.to()] || alreadyReported.contains(e.from())) {
        continue;
      }
      if (!reported.add(c)) {
        continue;
      }
      List<Integer> path = path(edges, component, e);
      out.add(
          Problem.of(
              ProblemCode.P502,
              e.at(),
              "`"
                  + qualified(e.from())
                  + "` depends on itself through `not`: "
                  + describe(path, true),
              "a relation cannot exclude something that depends on it: its meaning would be"
                  + " undefined"));
    }
  }

  /** The edges in the recovery's order (a stable sort: equal places keep model order). */
  private List<Edge> sorted(List<Edge> list) {
    List<Edge> copy = new ArrayList<>(list);
    if (recovery.order() != null) {
      copy.sort((a, b) -> recovery.order().compare(a.at(), b.at()));
    }
    return copy;
  }

  /** The cycle through {@code e}: its source, its target, then the shortest way back. */
  private List<Integer> path(List<Edge> graph, int[] component, Edge e) {
    int target = e.from();
    Map<Integer, Integer> parent = new HashMap<>();
    Deque<Integer> queue = new ArrayDeque<>(List.of(e.to()));
    parent.put(e.to(), -1);
    List<List<Edge>> out = adjacency(graph);
    while (!queue.isEmpty() && !parent.containsKey(target)) {
      int v = queue.removeFirst();
      for (Edge x : out.get(v)) {
        if (component[x.to()] == component[target] && !parent.containsKey(x.to())) {
          parent.put(x.to(), v);
          queue.addLast(x.to());
        }
      }
    }
    List<Integer> back = new ArrayList<>();
    for (Integer v = target; v != null && v != -1; v = parent.get(v)) {
      back.add(v);
    }
    Collections.reverse(back);
    List<Integer> path = new ArrayList<>();
    path.add(e.from());
    path.addAll(back);
    return path;
  }

  private String describe(List<Integer> path, boolean qualify) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < path.size(); i++) {
      if (i > 0) {
        sb.append(" -> ");
      }
      int n = path.get(i);
      sb.append(
          hubNodes.contains(n)
              ? "(an actor userset)"
              : "`" + (qualify ? qualified(n) : nodes.get(n).relation()) + "`");
    }
    return sb.toString();
  }

  private String qualified(int n) {
    Node node = nodes.get(n);
    return node.type() + "#" + node.relation();
  }

  private List<List<Edge>> adjacency(List<Edge> graph) {
    List<List<Edge>> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      out.add(new ArrayList<>());
    }
    for (Edge e : graph) {
      out.get(e.from()).add(e);
    }
    return out;
  }

  /**
   * Strongly connected components (Tarjan's algorithm, iterative so that long chains of rules
   * cannot overflow the stack). Nodes in one component share its number.
   */
  private int[] components(List<Edge> graph) {
    int n = nodes.size();
    List<List<Edge>> out = adjacency(graph);
    int[] order = new int[n];
    int[] low = new int[n];
    int[] component = new int[n];
    int[] nextEdge = new int[n];
    boolean[] onStack = new boolean[n];
    Arrays.fill(order, -1);
    Arrays.fill(component, -1);
    Deque<Integer> stack = new ArrayDeque<>();
    int counter = 0;
    int components = 0;
    for (int root = 0; root < n; root++) {
      if (order[root] >= 0) {
        continue;
      }
      Deque<Integer> calls = new ArrayDeque<>();
      calls.push(root);
      order[root] = low[root] = counter++;
      stack.push(root);
      onStack[root] = true;
      while (!calls.isEmpty()) {
        int v = calls.peek();
        if (nextEdge[v] < out.get(v).size()) {
          int w = out.get(v).get(nextEdge[v]++).to();
          if (order[w] < 0) {
            order[w] = low[w] = counter++;
            stack.push(w);
            onStack[w] = true;
            calls.push(w);
          } else if (onStack[w]) {
            low[v] = Math.min(low[v], order[w]);
          }
          continue;
        }
        calls.pop();
        if (!calls.isEmpty()) {
          low[calls.peek()] = Math.min(low[calls.peek()], low[v]);
        }
        if (low[v] == order[v]) {
          int w;
          do {
            w = stack.pop();
            onStack[w] = false;
            component[w] = components;
          } while (w != v);
          components++;
        }
      }
    }
    return component;
  }
}
