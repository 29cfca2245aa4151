package dev.warden.lang;

import java.util.List;

/**
 * Prints rules canonically: single spaces, parentheses as written, CEL text as written. The
 * formatter keeps comments inside CEL (and breaks the line after CEL that ends in an unterminated
 * string, which would swallow the rest of the line); the model's rule text drops comments.
 */
final class ExprPrinter {

  private ExprPrinter() {}

  /** {@code "read" if resource.is_public}, without the {@code ;}. */
  static String rule(Member.Rule rule, boolean keepComments) {
    return quoted(rule.head()) + " if " + expr(rule.body(), keepComments);
  }

  static String expr(Expr e, boolean keepComments) {
    StringBuilder sb = new StringBuilder();
    print(e, keepComments, sb);
    return sb.toString();
  }

  private static void print(Expr e, boolean keepComments, StringBuilder sb) {
    if (e instanceof Expr.Ref ref) {
      sb.append(quoted(ref.relation()));
    } else if (e instanceof Expr.This) {
      sb.append(ExpressionParser.THIS);
    } else if (e instanceof Expr.On on) {
      sb.append(quoted(on.relation()))
          .append(on.all() ? " on all " : " on ")
          .append(quoted(on.tupleset()));
    } else if (e instanceof Expr.Cel cel) {
      if (!keepComments) {
        sb.append(CelScanner.stripComments(cel.raw()));
      } else {
        sb.append(cel.raw());
        if (CelScanner.endsInOpenString(cel.raw())) {
          // An unterminated string runs to the end of the line; what follows must not join it.
          sb.append('\n');
        }
      }
    } else if (e instanceof Expr.Not not) {
      sb.append("not ");
      print(not.operand(), keepComments, sb);
    } else if (e instanceof Expr.Group g) {
      sb.append('(');
      print(g.inner(), keepComments, sb);
      sb.append(')');
    } else if (e instanceof Expr.And and) {
      join(and.operands(), " and ", keepComments, sb);
    } else if (e instanceof Expr.Or or) {
      join(or.operands(), " or ", keepComments, sb);
    }
  }

  private static void join(List<Expr> operands, String op, boolean keepComments, StringBuilder sb) {
    for (int i = 0; i < operands.size(); i++) {
      if (i > 0) {
        sb.append(op);
      }
      print(operands.get(i), keepComments, sb);
    }
  }

  static String quoted(Ident name) {
    return "\"" + name.text() + "\"";
  }
}
