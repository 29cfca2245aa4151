package dev.warden.engine;

/**
 * The part of a lookup's walk that does not depend on what it collects: how unions, intersections,
 * exclusions, rules and attribute rules combine their children's sets. A lookup supplies the steps
 * that read the index (grants, tuple-to-userset) and references to other relations.
 */
abstract class Expansion<S extends Lattice<S>> implements Node.Visitor<S> {

  /** A new empty set. */
  abstract S empty();

  /** A new set in which any element might hold. */
  abstract S any();

  final S node(Node n, int type, long object) {
    return n.accept(this, type, object);
  }

  /** An attribute rule may hold for any element. */
  @Override
  public final S attribute(Node.Attribute a, int type, long object) {
    return any();
  }

  @Override
  public final S union(Node.Union u, int type, long object) {
    return union(u.children, type, object);
  }

  @Override
  public final S rule(Node.RuleNode r, int type, long object) {
    return node(r.body, type, object);
  }

  /** Nothing the excluded part holds is certain to be excluded: the base, all needing a check. */
  @Override
  public final S exclusion(Node.Exclusion e, int type, long object) {
    S out = empty();
    out.addAllAsMaybe(node(e.base, type, object));
    return out;
  }

  /**
   * The union of the parts' sets. Sets are never changed once built, so when only one part found
   * anything its set is shared instead of copied: big sets pass up a chain of relations for free.
   */
  final S union(Node[] parts, int type, long object) {
    S only = null;
    S merged = null;
    for (Node part : parts) {
      S s = node(part, type, object);
      if (s.isEmpty()) {
        continue;
      }
      if (only == null && merged == null) {
        only = s;
      } else {
        if (merged == null) {
          merged = empty();
          merged.addAll(only);
        }
        merged.addAll(s);
      }
    }
    return merged != null ? merged : only != null ? only : empty();
  }

  @Override
  public final S intersection(Node.Intersection i, int type, long object) {
    S bounded = null;
    boolean anyUnbounded = false;
    for (Node c : i.children) {
      S next = node(c, type, object);
      if (next.unbounded()) {
        anyUnbounded = true;
      } else {
        bounded = bounded == null ? next : bounded.both(next);
      }
    }
    if (bounded == null) {
      return any();
    }
    if (!anyUnbounded) {
      return bounded;
    }
    // An unbounded child (an attribute rule) may still fail: nothing is certain any more.
    S out = empty();
    out.addAllAsMaybe(bounded);
    return out;
  }
}
