package dev.warden.model.validate;

import java.util.List;
import java.util.Objects;

/** Where in a {@link dev.warden.model.Policy} a problem is: a place a front end can map back. */
public sealed interface Location {

  /** The type the place is in. */
  String type();

  /** The relation the place is in (for a stray rule, the head it names). */
  String relation();

  /** The relation itself, as declared. */
  record Name(String type, String relation) implements Location {
    public Name {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(relation, "relation");
    }
  }

  /**
   * One of the relation's subject types.
   *
   * @param index the position in {@link dev.warden.model.RelationDef#subjectTypes()}
   */
  record Subject(String type, String relation, int index) implements Location {
    public Subject {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(relation, "relation");
    }
  }

  /**
   * A {@code Computed} or {@code TupleToUserset} inside a rule body.
   *
   * @param rule the position in the relation's rules, or for a stray rule ({@link
   *     Recovery#strayRules()}) its position in that list
   * @param path child positions from the rule body down: a union's or intersection's child, an
   *     exclusion's base (0) or excluded part (1)
   * @param focus the whole part, or just its tupleset or computed relation
   */
  record Part(String type, String relation, int rule, List<Integer> path, Focus focus)
      implements Location {
    public Part {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(relation, "relation");
      path = List.copyOf(path);
      Objects.requireNonNull(focus, "focus");
    }
  }

  /** Which piece of a rule part a problem is about. */
  enum Focus {
    WHOLE,
    TUPLESET,
    COMPUTED
  }
}
