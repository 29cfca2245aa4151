package dev.warden.condition;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelIssue;
import dev.cel.common.CelSourceLocation;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelExpr;
import dev.cel.common.ast.CelExprVisitor;
import dev.warden.condition.ExpressionIssue.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a CEL expression against a scope and reports every problem with its position: syntax,
 * unknown attributes (with the declared names to suggest from), unknown names and type errors.
 */
public final class ExpressionChecker {

  private static final Pattern UNDECLARED = Pattern.compile("undeclared reference to '([^']*)'");

  private ExpressionChecker() {}

  /** Every problem in {@code source}; empty when it compiles to a bool in this scope. */
  public static List<ExpressionIssue> check(String source, ExpressionScope scope) {
    Map<String, Variable> variables = CelSupport.variables(scope);
    Cel cel = CelSupport.environment(variables);
    CelValidationResult parsed = cel.parse(source);
    if (parsed.hasError()) {
      return issues(parsed.getErrors(), source, Kind.SYNTAX);
    }
    List<ExpressionIssue> found = new ArrayList<>();
    CelAbstractSyntaxTree ast;
    try {
      ast = parsed.getAst();
    } catch (Exception e) {
      found.add(
          new ExpressionIssue(Kind.SYNTAX, e.getMessage(), 0, source.length(), null, List.of()));
      return found;
    }
    new AttributeWalker(ast, scope, found).visit(ast);
    if (!found.isEmpty()) {
      return found;
    }
    CelValidationResult checked = cel.check(ast);
    if (checked.hasError()) {
      found.addAll(typeIssues(checked.getErrors(), source, scope, variables));
    }
    return found;
  }

  private static List<ExpressionIssue> typeIssues(
      List<CelIssue> errors, String source, ExpressionScope scope, Map<String, Variable> vars) {
    List<ExpressionIssue> out = new ArrayList<>();
    for (CelIssue e : errors) {
      int offset = offset(source, e.getSourceLocation());
      Matcher m = UNDECLARED.matcher(e.getMessage());
      if (m.find()) {
        String name = m.group(1);
        List<String> candidates = new ArrayList<>(vars.keySet());
        candidates.add(ExpressionScope.CONTEXT);
        String message =
            scope.rule() && (name.equals("actor") || name.equals("resource"))
                ? "`" + name + "` must be followed by an attribute name, as in `" + name + ".id`"
                : "unknown name `" + name + "`";
        out.add(
            new ExpressionIssue(
                Kind.UNKNOWN_NAME, message, offset, name.length(), name, candidates));
      } else {
        out.add(
            new ExpressionIssue(
                Kind.TYPE, lowercaseFirst(e.getMessage()), offset, 1, null, List.of()));
      }
    }
    return out;
  }

  private static List<ExpressionIssue> issues(List<CelIssue> errors, String source, Kind kind) {
    List<ExpressionIssue> out = new ArrayList<>();
    for (CelIssue e : errors) {
      int offset = offset(source, e.getSourceLocation());
      out.add(
          new ExpressionIssue(kind, lowercaseFirst(e.getMessage()), offset, 1, null, List.of()));
    }
    return out;
  }

  /** The character offset of a CEL location (1-based line, 0-based code-point column). */
  static int offset(String source, CelSourceLocation loc) {
    int line = Math.max(1, loc.getLine());
    int i = 0;
    for (int l = 1; l < line && i < source.length(); i++) {
      if (source.charAt(i) == '\n') {
        l++;
      }
    }
    int offset = i;
    for (int col = 0; col < loc.getColumn() && offset < source.length(); col++) {
      offset += Character.charCount(source.codePointAt(offset));
    }
    return Math.min(offset, Math.max(0, source.length() - 1));
  }

  private static String lowercaseFirst(String s) {
    if (s.isEmpty() || (s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
      return s;
    }
    return Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }

  /** Finds {@code actor.x} and {@code resource.x} selections whose attribute is not declared. */
  private static final class AttributeWalker extends CelExprVisitor {
    private final CelAbstractSyntaxTree ast;
    private final ExpressionScope scope;
    private final List<ExpressionIssue> found;

    AttributeWalker(CelAbstractSyntaxTree ast, ExpressionScope scope, List<ExpressionIssue> found) {
      this.ast = ast;
      this.scope = scope;
      this.found = found;
    }

    @Override
    protected void visit(CelExpr expr, CelExpr.CelSelect select) {
      CelExpr operand = select.operand();
      if (scope.rule() && operand.exprKind().getKind() == CelExpr.ExprKind.Kind.IDENT) {
        String root = operand.ident().name();
        Map<String, ?> declared =
            switch (root) {
              case "actor" -> scope.actor();
              case "resource" -> scope.resource();
              default -> null;
            };
        String field = select.field();
        if (declared != null
            && !declared.containsKey(field)
            && !ExpressionScope.BUILT_IN_ATTRIBUTES.contains(field)) {
          List<String> candidates = new ArrayList<>(declared.keySet());
          candidates.addAll(ExpressionScope.BUILT_IN_ATTRIBUTES);
          int at = ast.getSource().getPositionsMap().getOrDefault(expr.id(), 0);
          // The select's position is its dot; the field name starts right after it.
          found.add(
              new ExpressionIssue(
                  Kind.UNKNOWN_ATTRIBUTE,
                  "unknown attribute `" + root + "." + field + "`",
                  at + 1,
                  field.length(),
                  field,
                  candidates));
        }
      }
      super.visit(expr, select);
    }
  }
}
