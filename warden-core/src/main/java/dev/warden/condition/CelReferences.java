package dev.warden.condition;

import dev.cel.bundle.Cel;
import dev.cel.bundle.CelFactory;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExprVisitor;
import dev.cel.parser.CelStandardMacro;
import java.util.Set;
import java.util.TreeSet;

/**
 * The names a CEL expression reads: {@code actor.x} and {@code resource.x} as qualified names,
 * other identifiers (such as {@code context} or a parameter) by themselves.
 */
public final class CelReferences {

  /** Parsing needs no declarations, so one parser serves every call; it is thread-safe. */
  private static final Cel PARSER =
      CelFactory.standardCelBuilder().setStandardMacros(CelStandardMacro.STANDARD_MACROS).build();

  private CelReferences() {}

  /** The references of a parseable expression; empty when it does not parse. */
  public static Set<String> of(String cel) {
    CelValidationResult parsed = PARSER.parse(cel);
    Set<String> out = new TreeSet<>();
    if (parsed.hasError()) {
      return out;
    }
    try {
      new Walker(out).visit(parsed.getAst());
    } catch (Exception e) {
      out.clear();
    }
    return out;
  }

  private static final class Walker extends CelExprVisitor {
    private final Set<String> out;

    Walker(Set<String> out) {
      this.out = out;
    }

    @Override
    protected void visit(CelExpr expr, CelExpr.CelSelect select) {
      CelExpr operand = select.operand();
      if (operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT) {
        String root = operand.ident().name();
        if (root.equals("actor") || root.equals("resource")) {
          out.add(root + "." + select.field());
          return;
        }
      }
      super.visit(expr, select);
    }

    @Override
    protected void visit(CelExpr expr, CelExpr.CelIdent ident) {
      out.add(ident.name());
    }
  }
}
