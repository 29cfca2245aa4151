package dev.warden.lang;

import java.util.List;

/**
 * The body of a rule. Groups are kept so that the formatter prints the parentheses as written;
 * everything else ignores them.
 */
sealed interface Expr {

  Span span();

  /** {@code "contributor"}: a relation of the same object. */
  record Ref(Ident relation) implements Expr {
    @Override
    public Span span() {
      return relation.span();
    }
  }

  /** {@code this}: the direct grants of the rule's role or relation on the object. */
  record This(Span span) implements Expr {}

  /**
   * {@code "admin" on "parent"}: a relation of the objects related through a relation; with {@code
   * all} ({@code "member" on all "team"}), of every one of them.
   */
  record On(Ident relation, Ident tupleset, boolean all, Span span) implements Expr {}

  /**
   * A CEL fragment.
   *
   * @param raw the source text, from its first to its last significant character, comments included
   * @param span where it stands
   */
  record Cel(String raw, Span span) implements Expr {}

  /** {@code not x}. */
  record Not(Expr operand, Span span) implements Expr {}

  /** {@code a and b and ...}, two or more operands. */
  record And(List<Expr> operands, Span span) implements Expr {
    public And {
      operands = List.copyOf(operands);
    }
  }

  /** {@code a or b or ...}, two or more operands. */
  record Or(List<Expr> operands, Span span) implements Expr {
    public Or {
      operands = List.copyOf(operands);
    }
  }

  /** {@code ( x )}. */
  record Group(Expr inner, Span span) implements Expr {}
}
