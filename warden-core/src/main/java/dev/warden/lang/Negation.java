package dev.warden.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * How {@code not} reads in a rule, shared by the checker and lowering (whose model the cycle finder
 * reads) so that they agree: parentheses are transparent, {@code not not x} is {@code x}, {@code
 * not} directly on CEL folds into the CEL (a positive part), and any other {@code not} inside an
 * {@code and} is an excluded part.
 */
final class Negation {

  private Negation() {}

  /**
   * One operand of a conjunction.
   *
   * @param expr the operand; for an excluded part, what is excluded (without the {@code not})
   * @param excluded true for an excluded part
   * @param not the {@code not} that made it excluded, or null
   */
  record Part(Expr expr, boolean excluded, Expr.Not not) {}

  /** {@code e} without enclosing parentheses. */
  static Expr ungroup(Expr e) {
    Expr x = e;
    while (x instanceof Expr.Group g) {
      x = g.inner();
    }
    return x;
  }

  /** For {@code not not y}, {@code y}; otherwise null. */
  static Expr cancelled(Expr.Not not) {
    return ungroup(not.operand()) instanceof Expr.Not inner ? inner.operand() : null;
  }

  /** True for {@code not <cel>}, which folds into the CEL expression. */
  static boolean negatesCel(Expr.Not not) {
    return ungroup(not.operand()) instanceof Expr.Cel;
  }

  /** The operands of a conjunction, flattened through parentheses and nested {@code and}s. */
  static List<Part> conjuncts(Expr.And and) {
    List<Part> parts = new ArrayList<>();
    collect(and, parts);
    return parts;
  }

  private static void collect(Expr e, List<Part> parts) {
    Expr x = ungroup(e);
    if (x instanceof Expr.And and) {
      for (Expr operand : and.operands()) {
        collect(operand, parts);
      }
    } else if (x instanceof Expr.Not not) {
      Expr y = cancelled(not);
      if (y != null) {
        collect(y, parts);
      } else if (negatesCel(not)) {
        parts.add(new Part(not, false, null));
      } else {
        parts.add(new Part(ungroup(not.operand()), true, not));
      }
    } else {
      parts.add(new Part(x, false, null));
    }
  }
}
