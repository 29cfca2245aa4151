package dev.warden.lang;

import dev.warden.api.Suggestions;
import dev.warden.condition.ExpressionIssue;
import dev.warden.condition.ExpressionScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks one CEL fragment and turns its issues into diagnostics positioned in the policy file, with
 * CEL's messages brought to the house style (lowercase, names in backticks, no parser jargon).
 *
 * <p>The patterns below read CEL's message text because that is all cel-java (0.11.1) gives: a
 * {@code CelIssue} carries a severity, a location, an expression id and a formatted message. The
 * parser keeps only ANTLR's message, not the offending token, and the checker formats the function
 * and argument types into its text ({@code found no matching overload for '%s' applied to '%s'}).
 * {@code DiagnosticsTest} pins the rewritten syntax and overload messages, so a change in CEL's
 * wording fails there rather than reaching users as raw parser text.
 */
final class CelDiagnostics {

  private static final Pattern QUOTED = Pattern.compile("'([^']*)'");
  private static final Pattern MISMATCHED =
      Pattern.compile("^(?:mismatched|extraneous) input '(.*)' expecting.*$", Pattern.DOTALL);
  private static final Pattern NO_VIABLE =
      Pattern.compile("^no viable alternative at input '(.*)'$", Pattern.DOTALL);
  private static final Pattern UNRECOGNIZED =
      Pattern.compile("^token recognition error at: '(.*)'$", Pattern.DOTALL);
  private static final Pattern OVERLOAD =
      Pattern.compile("^found no matching overload for '([^']*)' applied to '([^']*)'.*$");
  private static final Pattern RECURSION =
      Pattern.compile("^expression recursion limit exceeded\\. limit: (\\d+)$");
  private static final Pattern ATTRIBUTE_ROOT = Pattern.compile("^unknown attribute `(\\w+)\\.");
  private static final Map<String, String> OPERATORS = Map.of("_[_]", "[]", "_?_:_", "?:");

  private final LineMap lines;

  CelDiagnostics(LineMap lines) {
    this.lines = lines;
  }

  /**
   * Checks {@code cel} in {@code scope}.
   *
   * @param quiet qualified names ({@code resource.x}, or a parameter name) whose declaration is
   *     already reported as invalid; complaints that they are unknown are dropped
   * @param owner where the expression sits, for hints: {@code a rule} or {@code a condition}
   * @param typeName the resource type a rule belongs to, or null for conditions
   */
  List<Diagnostic> check(
      Expr.Cel cel, ExpressionScope scope, Set<String> quiet, String owner, String typeName) {
    String code = CelScanner.blankComments(cel.raw());
    List<Diagnostic> out = new ArrayList<>();
    boolean syntax = false;
    for (ExpressionIssue issue : CelCheckCache.check(code, scope)) {
      if (issue.kind() == ExpressionIssue.Kind.SYNTAX) {
        // CEL's parser reports what follows its first error too; that is noise.
        if (syntax) {
          continue;
        }
        syntax = true;
      }
      String unknown = unknownName(issue);
      if (unknown != null && quiet.contains(unknown)) {
        continue;
      }
      out.add(diagnostic(cel, code, issue, owner, typeName));
    }
    return out;
  }

  private Diagnostic diagnostic(
      Expr.Cel cel, String code, ExpressionIssue issue, String owner, String typeName) {
    int offset = Math.max(0, Math.min(issue.offset(), code.length()));
    int end = Math.min(code.length(), offset + issue.length());
    String root = null;
    if (issue.kind() == ExpressionIssue.Kind.UNKNOWN_ATTRIBUTE) {
      root = attributeRoot(issue.message());
      // Point at the whole `resource.x`, not just `x`.
      if (root != null && code.startsWith(root + ".", offset - root.length() - 1)) {
        offset -= root.length() + 1;
      }
    }
    if (typeHint(issue, owner) != null) {
      // The whole expression has the wrong type, not the character CEL points at.
      offset = 0;
      end = code.length();
    }
    int base = cel.span().start();
    Span span = lines.span(base + offset, base + end);
    return switch (issue.kind()) {
      case SYNTAX -> Diagnostic.error(DiagnosticCode.P601, span, syntaxMessage(issue.message()));
      case TYPE ->
          Diagnostic.error(
              DiagnosticCode.P602, span, typeMessage(issue.message()), typeHint(issue, owner));
      case UNKNOWN_ATTRIBUTE ->
          Diagnostic.error(
              DiagnosticCode.P603, span, issue.message(), attributeHint(issue, root, typeName));
      case UNKNOWN_NAME ->
          Diagnostic.error(
              DiagnosticCode.P604, span, issue.message(), nameHint(issue, typeName != null));
    };
  }

  private static String unknownName(ExpressionIssue issue) {
    if (issue.kind() == ExpressionIssue.Kind.UNKNOWN_NAME) {
      return issue.name();
    }
    if (issue.kind() == ExpressionIssue.Kind.UNKNOWN_ATTRIBUTE) {
      String root = attributeRoot(issue.message());
      return root == null ? null : root + "." + issue.name();
    }
    return null;
  }

  private static String attributeRoot(String message) {
    Matcher m = ATTRIBUTE_ROOT.matcher(message);
    return m.find() ? m.group(1) : null;
  }

  static String syntaxMessage(String message) {
    Matcher m = MISMATCHED.matcher(message);
    if (!m.matches()) {
      m = NO_VIABLE.matcher(message);
    }
    if (!m.matches()) {
      m = UNRECOGNIZED.matcher(message);
    }
    if (m.matches()) {
      String found = m.group(1);
      return found.equals("<EOF>") || found.isEmpty()
          ? "unexpected end of expression"
          : "unexpected " + backticked(found) + " in expression";
    }
    Matcher r = RECURSION.matcher(message);
    if (r.matches()) {
      return "expression nested too deeply (the limit is " + r.group(1) + " levels)";
    }
    return tidy(message);
  }

  static String typeMessage(String message) {
    Matcher m = OVERLOAD.matcher(message);
    if (m.matches()) {
      return "no overload of `" + operator(m.group(1)) + "` takes `" + m.group(2) + "`";
    }
    return tidy(message);
  }

  private static String typeHint(ExpressionIssue issue, String owner) {
    return issue.message().startsWith("expected type 'bool'")
        ? owner + " must produce a `bool`"
        : null;
  }

  private static String attributeHint(ExpressionIssue issue, String root, String typeName) {
    String closest = Suggestions.closest(issue.name(), issue.candidates());
    if (closest != null) {
      return "did you mean `" + (root == null ? "" : root + ".") + closest + "`?";
    }
    if ("resource".equals(root) && typeName != null) {
      return "declare it in `attributes` of `" + typeName + "`";
    }
    return "actor".equals(root) ? "declare it in `attributes` of an actor type" : null;
  }

  private static String nameHint(ExpressionIssue issue, boolean rule) {
    List<String> candidates = new ArrayList<>(issue.candidates());
    if (rule) {
      // A misspelt root (`actr.department`) is closest to the root, not to a qualified name.
      candidates.addAll(List.of("actor", "resource"));
    }
    return Suggestions.hint(issue.name(), candidates);
  }

  /**
   * CEL's internal function names to operators: {@code _+_} is {@code +}, {@code !_} is {@code !}.
   */
  static String operator(String function) {
    String f = function.startsWith("@") ? function.substring(1) : function;
    String known = OPERATORS.get(f);
    if (known != null) {
      return known;
    }
    if (f.length() > 2 && f.startsWith("_") && f.endsWith("_")) {
      return f.substring(1, f.length() - 1);
    }
    if (f.length() > 1 && (f.endsWith("_") || f.startsWith("_"))) {
      return f.replace("_", "");
    }
    return f;
  }

  /** Quotes to backticks, no final period, first letter lowercase. */
  private static String tidy(String message) {
    String s =
        QUOTED.matcher(message).replaceAll(r -> Matcher.quoteReplacement(backticked(r.group(1))));
    s = s.strip();
    while (s.endsWith(".")) {
      s = s.substring(0, s.length() - 1);
    }
    if (!s.isEmpty() && !(s.length() > 1 && Character.isUpperCase(s.charAt(1)))) {
      s = s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
    }
    return s;
  }

  private static String backticked(String s) {
    String oneLine = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
    if (oneLine.length() > 40) {
      oneLine = oneLine.substring(0, 40) + "...";
    }
    return "`" + oneLine.replace("`", "'") + "`";
  }
}
