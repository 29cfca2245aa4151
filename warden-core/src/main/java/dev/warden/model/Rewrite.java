package dev.warden.model;

import java.util.List;
import java.util.Objects;

/**
 * How a relation is computed: Zanzibar's userset rewrite rules.
 *
 * <p>All rewrites evaluate in three-valued (Kleene) logic: true, false or unknown (a missing
 * attribute or condition parameter). A check allows only on a definite true, so unknown never
 * grants, and {@code not unknown} is still unknown.
 */
public sealed interface Rewrite {

  /**
   * The grants stored for this very relation (the relation's own tuples, Zanzibar's {@code _this}),
   * through the usersets and wildcards it admits. In a rule body it is the language's {@code this}:
   * see {@link RelationDef#usesThis()}.
   */
  record Direct() implements Rewrite {
    @Override
    public String toString() {
      return "this";
    }
  }

  /** Another relation of the same object: {@code "read" if "contributor"}. */
  record Computed(String relation) implements Rewrite {
    public Computed {
      Objects.requireNonNull(relation, "relation");
    }

    @Override
    public String toString() {
      return "\"" + relation + "\"";
    }
  }

  /**
   * A relation of the objects related through a tupleset relation: {@code "admin" if "admin" on
   * "parent"} is {@code TupleToUserset("parent", "admin")}, true when any related object grants the
   * computed relation. With {@code all}, {@code "member" on all "team"}, it is true only when every
   * grant of the tupleset relation is true (its condition, if any, and the computed relation on its
   * object), and false when there is none.
   *
   * <p>A grant to a userset ({@code team:x#member}) relates its object ({@code team:x}); the
   * subject relation plays no part here.
   */
  record TupleToUserset(String tupleset, String computed, boolean all) implements Rewrite {
    public TupleToUserset {
      Objects.requireNonNull(tupleset, "tupleset");
      Objects.requireNonNull(computed, "computed");
    }

    /** The any-arrow {@code "computed" on "tupleset"}. */
    public TupleToUserset(String tupleset, String computed) {
      this(tupleset, computed, false);
    }

    /** The all-arrow {@code "computed" on all "tupleset"}. */
    public static TupleToUserset all(String tupleset, String computed) {
      return new TupleToUserset(tupleset, computed, true);
    }

    @Override
    public String toString() {
      return "\"" + computed + "\" on " + (all ? "all " : "") + "\"" + tupleset + "\"";
    }
  }

  /** True when any child is true. */
  record Union(List<Rewrite> children) implements Rewrite {
    public Union {
      children = List.copyOf(children);
      if (children.size() < 2) {
        throw new IllegalArgumentException("a union needs at least two children");
      }
    }

    @Override
    public String toString() {
      return join(children, " or ");
    }
  }

  /** True when every child is true. */
  record Intersection(List<Rewrite> children) implements Rewrite {
    public Intersection {
      children = List.copyOf(children);
      if (children.size() < 2) {
        throw new IllegalArgumentException("an intersection needs at least two children");
      }
    }

    @Override
    public String toString() {
      return join(children, " and ");
    }
  }

  /** True when {@code base} is true and {@code excluded} is false: {@code "a" and not "b"}. */
  record Exclusion(Rewrite base, Rewrite excluded) implements Rewrite {
    public Exclusion {
      Objects.requireNonNull(base, "base");
      Objects.requireNonNull(excluded, "excluded");
    }

    @Override
    public String toString() {
      return "(" + base + " and not " + excluded + ")";
    }
  }

  /**
   * A CEL expression over {@code actor}, {@code resource} and {@code context}, type-checked by the
   * producer of the model. The text is CEL source; the engine compiles it once at load.
   */
  record Attribute(String cel) implements Rewrite {
    public Attribute {
      Objects.requireNonNull(cel, "cel");
    }

    @Override
    public String toString() {
      return cel;
    }
  }

  private static String join(List<Rewrite> children, String op) {
    StringBuilder sb = new StringBuilder("(");
    for (int i = 0; i < children.size(); i++) {
      if (i > 0) {
        sb.append(op);
      }
      sb.append(children.get(i));
    }
    return sb.append(')').toString();
  }
}
