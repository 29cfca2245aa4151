package dev.warden.lang;

import dev.warden.lang.Symbols.RelationSymbol;
import dev.warden.lang.Symbols.TypeSymbols;
import dev.warden.model.RelationKind;
import dev.warden.model.TypeKind;
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
 *   <li>P501: a cycle of same-object references ({@code "a" if "b"; "b" if "a"}) never reaches a
 *       grant, so evaluating it cannot terminate. Cycles through {@code on} or usersets walk the
 *       data instead and are fine.
 *   <li>P502: a cycle with an edge inside an excluded part ({@code and not ...}) has no
 *       well-defined meaning. Its edges are same-object references, {@code on} targets, and userset
 *       subject types; a role may be granted to the usersets of any actor type's relations, so
 *       every role reaches every relation (not role or permission) of every actor type (through one
 *       shared hub node, to keep the graph small).
 * </ul>
 *
 * <p>Each strongly connected component is reported once, at its first edge in source order.
 */
final class CycleChecker {

  private record Node(String type, String relation) {}

  private record Edge(int from, int to, boolean excluded, boolean sameObject, Span span) {}

  private final List<Node> nodes = new ArrayList<>();
  private final Map<Node, Integer> index = new HashMap<>();
  private final List<Edge> edges = new ArrayList<>();
  private final int hub;

  private CycleChecker(Symbols symbols) {
    for (TypeSymbols t : symbols.types.values()) {
      for (String r : t.relations.keySet()) {
        node(t.name(), r);
      }
    }
    hub = node("", "");
    build(symbols);
  }

  static List<Diagnostic> check(Symbols symbols) {
    CycleChecker c = new CycleChecker(symbols);
    List<Diagnostic> out = new ArrayList<>();
    Set<Integer> inSameObjectCycle = c.reportSameObjectCycles(out);
    c.reportCyclesThroughNot(out, inSameObjectCycle);
    return out;
  }

  private int node(String type, String relation) {
    Node n = new Node(type, relation);
    Integer i = index.get(n);
    if (i != null) {
      return i;
    }
    nodes.add(n);
    index.put(n, nodes.size() - 1);
    return nodes.size() - 1;
  }

  // --- the graph ------------------------------------------------------------------------------

  private void build(Symbols symbols) {
    for (TypeSymbols t : symbols.types.values()) {
      for (RelationSymbol r : t.relations.values()) {
        int from = index.get(new Node(t.name(), r.name().text()));
        if (r.kind() == RelationKind.ROLE) {
          edges.add(new Edge(from, hub, false, false, r.name().span()));
        }
        for (Member.SubjectRef s : r.subjects()) {
          Integer to = s.relation() == null ? null : find(s.type().text(), s.relation().text());
          if (to != null) {
            edges.add(new Edge(from, to, false, false, s.span()));
          }
        }
      }
      if (t.kind() == TypeKind.ACTOR) {
        for (RelationSymbol r : t.relations.values()) {
          if (r.kind() == RelationKind.RELATION) {
            edges.add(
                new Edge(hub, find(t.name(), r.name().text()), false, false, r.name().span()));
          }
        }
      }
      for (Member.Rule rule : t.rules) {
        Integer from = find(t.name(), rule.head().text());
        if (from != null) {
          addRuleEdges(t, from, rule.body(), false);
        }
      }
    }
  }

  private void addRuleEdges(TypeSymbols t, int from, Expr e, boolean excluded) {
    Expr x = Negation.ungroup(e);
    if (x instanceof Expr.Ref ref) {
      Integer to = find(t.name(), ref.relation().text());
      if (to != null) {
        edges.add(new Edge(from, to, excluded, true, ref.span()));
      }
    } else if (x instanceof Expr.On on) {
      RelationSymbol rel = t.relations.get(on.tupleset().text());
      if (rel == null || !rel.followable()) {
        return;
      }
      for (Member.SubjectRef s : rel.subjects()) {
        Integer to = find(s.type().text(), on.relation().text());
        if (to != null) {
          edges.add(new Edge(from, to, excluded, false, on.span()));
        }
      }
    } else if (x instanceof Expr.Or or) {
      or.operands().forEach(o -> addRuleEdges(t, from, o, excluded));
    } else if (x instanceof Expr.And and) {
      for (Negation.Part p : Negation.conjuncts(and)) {
        addRuleEdges(t, from, p.expr(), excluded || p.excluded());
      }
    } else if (x instanceof Expr.Not not) {
      Expr y = Negation.cancelled(not);
      addRuleEdges(t, from, y != null ? y : not.operand(), excluded || y == null);
    }
  }

  private Integer find(String type, String relation) {
    return index.get(new Node(type, relation));
  }

  // --- reports --------------------------------------------------------------------------------

  private Set<Integer> reportSameObjectCycles(List<Diagnostic> out) {
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
          Diagnostic.error(
              DiagnosticCode.P501,
              e.span(),
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

  private void reportCyclesThroughNot(List<Diagnostic> out, Set<Integer> alreadyReported) {
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
          Diagnostic.error(
              DiagnosticCode.P502,
              e.span(),
              "`"
                  + qualified(e.from())
                  + "` depends on itself through `not`: "
                  + describe(path, true),
              "a relation cannot exclude something that depends on it: its meaning would be"
                  + " undefined"));
    }
  }

  private static List<Edge> sorted(List<Edge> list) {
    List<Edge> copy = new ArrayList<>(list);
    copy.sort((a, b) -> Integer.compare(a.span().start(), b.span().start()));
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
          n == hub
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
