package dev.warden.engine;

import dev.warden.api.Grant;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * "Who may act on this object?" by forward expansion: from the object's relation, follow grants to
 * subjects, usersets to their members and inherited relations to the objects they come from,
 * remembering the grant by which each subject was reached (the grant to the subject itself, or to
 * the group it is in). Subjects reached only through conditions, intersections, exclusions or
 * attribute rules are checked one by one afterwards.
 */
final class SubjectLookup {

  private final PolicyPlan plan;
  private final RelationshipIndex index;
  private final Evaluator names;
  private final int subjectType;

  private Map<Long, SubjectSet> previous = new HashMap<>();
  private Map<Long, SubjectSet> current = new HashMap<>();
  private final Set<Long> inProgress = new HashSet<>();
  private boolean cycle;
  private final Expansion expansion = new Expansion();

  /**
   * @param names resolves the request's local object numbers (contextual grants, a fresh resource)
   *     and supplies contextual grants
   */
  SubjectLookup(PolicyPlan plan, RelationshipIndex index, Evaluator names, int subjectType) {
    this.plan = plan;
    this.index = index;
    this.names = names;
    this.subjectType = subjectType;
  }

  /** Candidate subjects of {@code relation} on {@code type:object}, to be verified. */
  SubjectSet expand(int type, long object, int relation) {
    while (true) {
      cycle = false;
      current = new HashMap<>();
      SubjectSet s = relation(type, object, relation);
      if (!cycle || !grew()) {
        return s;
      }
      previous = current;
    }
  }

  private boolean grew() {
    for (Map.Entry<Long, SubjectSet> e : current.entrySet()) {
      SubjectSet before = previous.get(e.getKey());
      if (before == null || before.weight() != e.getValue().weight()) {
        return true;
      }
    }
    return false;
  }

  private SubjectSet relation(int type, long object, int relation) {
    long node = Codes.node(type, object, relation);
    SubjectSet done = current.get(node);
    if (done != null) {
      return done;
    }
    if (!inProgress.add(node)) {
      cycle = true;
      SubjectSet partial = previous.get(node);
      return partial != null ? partial : new SubjectSet();
    }
    RelationPlan p = plan.relation(type, relation);
    SubjectSet out = p == null ? new SubjectSet() : union(p.parts, type, object);
    inProgress.remove(node);
    current.put(node, out);
    return out;
  }

  private SubjectSet node(Node n, int type, long object) {
    return n.accept(expansion, type, object);
  }

  /** The subjects of each kind of step on {@code type:object}. */
  private final class Expansion implements Node.Visitor<SubjectSet> {
    @Override
    public SubjectSet direct(Node.Direct d, int type, long object) {
      return SubjectLookup.this.direct(type, object, d);
    }

    @Override
    public SubjectSet computed(Node.Computed c, int type, long object) {
      return relation(type, object, c.relation);
    }

    @Override
    public SubjectSet tupleToUserset(Node.TupleToUserset t, int type, long object) {
      return SubjectLookup.this.tupleToUserset(t, type, object);
    }

    /** An attribute rule may hold for any subject. */
    @Override
    public SubjectSet attribute(Node.Attribute a, int type, long object) {
      SubjectSet any = new SubjectSet();
      any.unbounded = true;
      return any;
    }

    @Override
    public SubjectSet union(Node.Union u, int type, long object) {
      return SubjectLookup.this.union(u.children, type, object);
    }

    @Override
    public SubjectSet intersection(Node.Intersection i, int type, long object) {
      return SubjectLookup.this.intersection(i, type, object);
    }

    @Override
    public SubjectSet exclusion(Node.Exclusion e, int type, long object) {
      SubjectSet out = new SubjectSet();
      out.addAllAsMaybe(node(e.base, type, object));
      return out;
    }

    @Override
    public SubjectSet rule(Node.RuleNode r, int type, long object) {
      return node(r.body, type, object);
    }
  }

  /**
   * The union of the parts' sets. Sets are never changed once built, so when only one part found
   * anything its set is shared instead of copied: big sets pass up a chain of relations for free.
   */
  private SubjectSet union(Node[] parts, int type, long object) {
    SubjectSet only = null;
    SubjectSet merged = null;
    for (Node part : parts) {
      SubjectSet s = node(part, type, object);
      if (s.isEmpty()) {
        continue;
      }
      if (only == null && merged == null) {
        only = s;
      } else {
        if (merged == null) {
          merged = new SubjectSet();
          merged.addAll(only, true, null);
        }
        merged.addAll(s, true, null);
      }
    }
    return merged != null ? merged : only != null ? only : new SubjectSet();
  }

  /** The subjects of the node's own grants, leaving out those the active policy does not admit. */
  private SubjectSet direct(int type, long object, Node.Direct d) {
    long node = Codes.node(type, object, d.relation);
    SubjectSet out = new SubjectSet();
    for (long code : index.subjects(node)) {
      if (d.admission.admits(code)) {
        subject(out, node, code, true, null);
      }
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      if (d.admission.admits(c.code())) {
        subject(out, node, c.code(), false, c.condition());
      }
    }
    names.forEachContextual(node, (code, grant) -> subject(out, grant, code, false));
    return out;
  }

  private void subject(
      SubjectSet out, long node, long code, boolean certain, dev.warden.api.GrantCondition c) {
    subject(out, names.decode(node, code, c), code, certain);
  }

  private void subject(SubjectSet out, Grant grant, long code, boolean certain) {
    int relation = Codes.subjectRelation(code);
    int type = Codes.subjectType(code);
    long object = Codes.subjectObject(code);
    if (relation != 0) {
      out.addAll(relation(type, object, relation), certain, grant);
    } else if (type == subjectType && object == Codes.WILDCARD) {
      out.unbounded = true;
      out.wildcardGrants.add(grant);
    } else if (type == subjectType) {
      out.add(object, certain, grant);
    }
  }

  private SubjectSet tupleToUserset(Node.TupleToUserset t, int type, long object) {
    long node = Codes.node(type, object, t.tupleset);
    SubjectSet out = new SubjectSet();
    for (long code : index.subjects(node)) {
      related(out, t, code, true);
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      related(out, t, c.code(), false);
    }
    names.forEachContextual(
        node, (code, grant) -> related(out, t, code, grant.condition() == null));
    return out;
  }

  private void related(SubjectSet out, Node.TupleToUserset t, long code, boolean certain) {
    int target = Codes.subjectType(code);
    long o = Codes.subjectObject(code);
    if (Codes.subjectRelation(code) != 0
        || o == Codes.WILDCARD
        || target >= t.computedByType.length) {
      return;
    }
    int computed = t.computedByType[target];
    if (computed != 0) {
      out.addAll(relation(target, o, computed), certain, null);
    }
  }

  private SubjectSet intersection(Node.Intersection i, int type, long object) {
    SubjectSet bounded = null;
    boolean anyUnbounded = false;
    for (Node c : i.children) {
      SubjectSet next = node(c, type, object);
      if (next.unbounded) {
        anyUnbounded = true;
      } else if (bounded == null) {
        bounded = next;
      } else {
        bounded = both(bounded, next);
      }
    }
    if (bounded == null) {
      SubjectSet any = new SubjectSet();
      any.unbounded = true;
      return any;
    }
    if (!anyUnbounded) {
      return bounded;
    }
    SubjectSet out = new SubjectSet();
    out.addAllAsMaybe(bounded);
    return out;
  }

  private static SubjectSet both(SubjectSet a, SubjectSet b) {
    SubjectSet out = new SubjectSet();
    a.subjects.forEach(
        (s, e) -> {
          SubjectSet.Entry other = b.subjects.get(s);
          if (other != null) {
            SubjectSet.Entry mine = out.subjects.computeIfAbsent(s, k -> new SubjectSet.Entry());
            mine.sure = e.sure && other.sure;
            mine.grants.addAll(e.grants);
            mine.grants.addAll(other.grants);
          }
        });
    return out;
  }
}
