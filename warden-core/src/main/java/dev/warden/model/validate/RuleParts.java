package dev.warden.model.validate;

import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.TypeDef;
import java.util.ArrayList;
import java.util.List;

/**
 * The references inside rule bodies ({@code Computed}, {@code TupleToUserset} and {@code Direct},
 * the language's {@code this}), each with its location and whether it stands inside an excluded
 * part: what every check of rules walks.
 */
final class RuleParts {

  /** One reference in a rule of {@code owner}. */
  record Ref(TypeDef owner, Rewrite part, Location.Part at, boolean excluded) {}

  /** Receives references in rule order, and within a rule in the rewrite's order. */
  interface Visitor {
    void visit(Ref ref);
  }

  private RuleParts() {}

  /** Every reference in every rule of {@code t}. */
  static void ofType(TypeDef t, Visitor v) {
    for (RelationDef r : t.relations().values()) {
      for (int i = 0; i < r.rules().size(); i++) {
        walk(t, r.name(), i, r.rules().get(i).body(), new ArrayList<>(), false, v);
      }
    }
  }

  /** Every reference in the stray rules, located by their position in the list. */
  static void ofStrays(Policy policy, List<Recovery.StrayRule> strays, Visitor v) {
    for (int i = 0; i < strays.size(); i++) {
      Recovery.StrayRule s = strays.get(i);
      TypeDef t = policy.type(s.type());
      if (t != null) {
        walk(t, s.head(), i, s.rule().body(), new ArrayList<>(), false, v);
      }
    }
  }

  private static void walk(
      TypeDef t,
      String relation,
      int rule,
      Rewrite r,
      List<Integer> path,
      boolean excluded,
      Visitor v) {
    if (r instanceof Rewrite.Computed
        || r instanceof Rewrite.TupleToUserset
        || r instanceof Rewrite.Direct) {
      Location.Part at = new Location.Part(t.name(), relation, rule, path, Location.Focus.WHOLE);
      v.visit(new Ref(t, r, at, excluded));
    } else if (r instanceof Rewrite.Union u) {
      children(t, relation, rule, u.children(), path, excluded, v);
    } else if (r instanceof Rewrite.Intersection x) {
      children(t, relation, rule, x.children(), path, excluded, v);
    } else if (r instanceof Rewrite.Exclusion e) {
      walk(t, relation, rule, e.base(), with(path, 0), excluded, v);
      walk(t, relation, rule, e.excluded(), with(path, 1), true, v);
    }
  }

  private static void children(
      TypeDef t,
      String relation,
      int rule,
      List<Rewrite> children,
      List<Integer> path,
      boolean excluded,
      Visitor v) {
    for (int i = 0; i < children.size(); i++) {
      walk(t, relation, rule, children.get(i), with(path, i), excluded, v);
    }
  }

  private static List<Integer> with(List<Integer> path, int child) {
    List<Integer> out = new ArrayList<>(path);
    out.add(child);
    return out;
  }

  /** The same place, narrowed to one piece of the part. */
  static Location.Part focus(Location.Part at, Location.Focus focus) {
    return new Location.Part(at.type(), at.relation(), at.rule(), at.path(), focus);
  }
}
