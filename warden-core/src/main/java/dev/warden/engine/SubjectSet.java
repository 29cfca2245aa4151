package dev.warden.engine;

import dev.warden.api.Grant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Subjects of one type that may have a relation on an object, found by walking the graph forwards
 * from the object, each with the grants that led to it. {@code sure} subjects certainly have it;
 * the rest need a check; {@code unbounded} means any subject of the type might (a wildcard grant or
 * an attribute rule), so every known subject needs a check.
 */
final class SubjectSet implements Lattice<SubjectSet> {

  /** One subject and what is known about it. */
  static final class Entry {
    boolean sure;

    /** Few per subject, so a list with a membership test beats a hash set. */
    final List<Grant> grants = new ArrayList<>(2);

    void addGrant(Grant g) {
      if (!grants.contains(g)) {
        grants.add(g);
      }
    }
  }

  final Map<Long, Entry> subjects = new LinkedHashMap<>();
  boolean unbounded;

  /** Wildcard grants reached, reported for subjects that hold only through them. */
  final Set<Grant> wildcardGrants = new LinkedHashSet<>();

  static SubjectSet unboundedSet() {
    SubjectSet s = new SubjectSet();
    s.unbounded = true;
    return s;
  }

  void add(long subject, boolean sure, Grant grant) {
    Entry e = subjects.computeIfAbsent(subject, k -> new Entry());
    e.sure |= sure;
    if (grant != null) {
      e.addGrant(grant);
    }
  }

  /** Everything of {@code other} reached through {@code via} (null: directly). */
  void addAll(SubjectSet other, boolean certainStep, Grant via) {
    unbounded |= other.unbounded;
    wildcardGrants.addAll(other.wildcardGrants);
    other.subjects.forEach(
        (s, e) -> {
          Entry mine = subjects.computeIfAbsent(s, k -> new Entry());
          mine.sure |= e.sure && certainStep;
          if (via != null) {
            mine.addGrant(via);
          } else {
            e.grants.forEach(mine::addGrant);
          }
        });
  }

  @Override
  public void addAll(SubjectSet other) {
    addAll(other, true, null);
  }

  @Override
  public void addAllAsMaybe(SubjectSet other) {
    addAll(other, false, null);
  }

  @Override
  public boolean unbounded() {
    return unbounded;
  }

  @Override
  public SubjectSet both(SubjectSet other) {
    SubjectSet out = new SubjectSet();
    subjects.forEach(
        (s, e) -> {
          Entry theirs = other.subjects.get(s);
          if (theirs != null) {
            Entry mine = out.subjects.computeIfAbsent(s, k -> new Entry());
            mine.sure = e.sure && theirs.sure;
            mine.grants.addAll(e.grants);
            mine.grants.addAll(theirs.grants);
          }
        });
    return out;
  }

  @Override
  public long weight() {
    long w = unbounded ? 1L << 40 : 0;
    for (Entry e : subjects.values()) {
      w += (e.sure ? 2 : 1) + e.grants.size();
    }
    return w + wildcardGrants.size();
  }

  @Override
  public boolean isEmpty() {
    return subjects.isEmpty() && !unbounded && wildcardGrants.isEmpty();
  }

  List<Long> ids() {
    return new ArrayList<>(subjects.keySet());
  }
}
