package dev.warden.importer;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which imported types become Warden actors. OpenFGA and SpiceDB have one kind of type; Warden
 * tells actors (who asks) from resources (what is asked about), so the importers guess the same
 * way: types granted directly as plain objects or wildcards ({@code [user]}, {@code user:*}) and
 * never the target of a relation that an arrow ({@code from}, {@code ->}) walks; and types with no
 * relations at all.
 */
public final class ActorRule {
  private ActorRule() {}

  /**
   * One directly assignable subject of a relation.
   *
   * @param type the subject's type, in the source's spelling
   * @param relation the userset relation, or null for plain objects and wildcards
   */
  public record Subject(String type, String relation) {}

  /**
   * The actor types, in the source's spelling.
   *
   * @param direct per type (every type, in the source's spelling), per relation, its directly
   *     assignable subjects; a type with no relations maps to an empty map
   * @param arrows per type, the relations used on the left of an arrow (the tuplesets)
   */
  public static Set<String> actors(
      Map<String, Map<String, List<Subject>>> direct, Map<String, Set<String>> arrows) {
    Set<String> subjects = new HashSet<>();
    Set<String> parents = new HashSet<>();
    for (Map.Entry<String, Map<String, List<Subject>>> t : direct.entrySet()) {
      for (List<Subject> list : t.getValue().values()) {
        for (Subject s : list) {
          if (s.relation() == null) {
            subjects.add(s.type());
          }
        }
      }
      for (String tupleset : arrows.getOrDefault(t.getKey(), Set.of())) {
        t.getValue().getOrDefault(tupleset, List.of()).forEach(s -> parents.add(s.type()));
      }
    }
    Set<String> actors = new HashSet<>();
    for (Map.Entry<String, Map<String, List<Subject>>> t : direct.entrySet()) {
      String name = t.getKey();
      if (t.getValue().isEmpty() || (subjects.contains(name) && !parents.contains(name))) {
        actors.add(name);
      }
    }
    return actors;
  }
}
