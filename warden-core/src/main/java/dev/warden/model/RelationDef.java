package dev.warden.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A role, relation or permission of a type.
 *
 * <p>Its meaning is the union of its rules and, for roles and relations, its own grants. When a
 * rule names the grants itself ({@link Rewrite.Direct}, the language's {@code this}), they count
 * only where the rules put them, as in {@code "viewer" if this and not "blocked"}. The subject
 * types are explicit even for roles, whose grantable subjects the front end derives from the
 * declared actor types, so that write validation and the engine read one list.
 *
 * @param name the relation name, unique within its type
 * @param kind role, relation or permission
 * @param subjectTypes what grants may name as subject; empty for permissions
 * @param rules the rules that derive this relation, in declaration order
 */
public record RelationDef(
    String name, RelationKind kind, List<SubjectType> subjectTypes, List<Rule> rules) {

  public RelationDef {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    subjectTypes = List.copyOf(subjectTypes);
    rules = List.copyOf(rules);
    if (!kind.grantable() && !subjectTypes.isEmpty()) {
      throw new IllegalArgumentException("permission `" + name + "` cannot have subject types");
    }
  }

  /** True when grants may name a subject of this shape (under some condition or none). */
  public boolean allows(String subjectType, String subjectRelation, boolean wildcard) {
    for (SubjectType t : subjectTypes) {
      if (sameShape(t, subjectType, subjectRelation, wildcard)) {
        return true;
      }
    }
    return false;
  }

  /**
   * True when a grant of this shape may carry {@code condition} (null: none). A shape listed
   * plainly takes any condition or none, as before conditioned subject types existed; a shape
   * listed only {@code with} conditions takes exactly those.
   */
  public boolean admits(
      String subjectType, String subjectRelation, boolean wildcard, String condition) {
    for (SubjectType t : subjectTypes) {
      if (sameShape(t, subjectType, subjectRelation, wildcard)
          && (t.condition() == null || t.condition().equals(condition))) {
        return true;
      }
    }
    return false;
  }

  private static boolean sameShape(
      SubjectType t, String subjectType, String subjectRelation, boolean wildcard) {
    return t.type().equals(subjectType)
        && t.wildcard() == wildcard
        && Objects.equals(t.relation(), subjectRelation);
  }

  /**
   * True when a rule names the relation's own grants ({@code this}): the grants then count only
   * where the rules put them, instead of being united with the rules.
   */
  public boolean usesThis() {
    for (Rule r : rules) {
      if (mentionsDirect(r.body())) {
        return true;
      }
    }
    return false;
  }

  /** True when {@code rw} contains {@link Rewrite.Direct} anywhere. */
  public static boolean mentionsDirect(Rewrite rw) {
    if (rw instanceof Rewrite.Direct) {
      return true;
    } else if (rw instanceof Rewrite.Union u) {
      return u.children().stream().anyMatch(RelationDef::mentionsDirect);
    } else if (rw instanceof Rewrite.Intersection i) {
      return i.children().stream().anyMatch(RelationDef::mentionsDirect);
    } else if (rw instanceof Rewrite.Exclusion e) {
      return mentionsDirect(e.base()) || mentionsDirect(e.excluded());
    }
    return false;
  }

  /**
   * The whole rewrite: own grants (when grantable and no rule names them) united with every rule
   * body, or null for a permission without rules, which is never true.
   */
  public Rewrite rewrite() {
    List<Rewrite> parts = new ArrayList<>();
    if (kind.grantable() && !usesThis()) {
      parts.add(new Rewrite.Direct());
    }
    for (Rule r : rules) {
      parts.add(r.body());
    }
    if (parts.isEmpty()) {
      return null;
    }
    return parts.size() == 1 ? parts.get(0) : new Rewrite.Union(parts);
  }
}
