package dev.warden.lang;

import dev.warden.model.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Compiles policy source to the model: parse, check the tree, lower, and validate the model (as
 * every policy is, whichever front end built it); the policy is the outcome when nothing is wrong.
 */
public final class PolicyCompiler {

  private static final Comparator<Diagnostic> SOURCE_ORDER =
      Comparator.comparingInt((Diagnostic d) -> d.span().start()).thenComparing(Diagnostic::code);

  private PolicyCompiler() {}

  /** Compiles {@code source}. Never throws on any input: problems come back as diagnostics. */
  public static Compilation compile(SourceFile source) {
    Parser.Result parsed = Parser.parse(source);
    Checker.Result checked = Checker.check(parsed.tree(), parsed.lines());
    Lowering.Lowered lowered = Lowering.lower(checked.symbols(), source.name());
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    all.addAll(checked.diagnostics());
    all.addAll(ModelDiagnostics.check(lowered, checked.symbols()));
    all.addAll(unstorable(parsed.lines()));
    all.sort(SOURCE_ORDER);
    boolean failed = all.stream().anyMatch(Diagnostic::isError);
    Policy policy = failed ? null : lowered.policy();
    return new Compilation(source, all, policy);
  }

  /**
   * Characters that no store keeps as they are, anywhere in the text (comments and strings too): a
   * lone UTF-16 surrogate has no UTF-8 encoding, so SQLite and PostgreSQL would save {@code ?} and
   * the stored policy would not be the one compiled; PostgreSQL text cannot hold NUL at all. The
   * lexer reports them only outside comments and strings.
   */
  private static List<Diagnostic> unstorable(LineMap lines) {
    String text = lines.text();
    List<Diagnostic> out = new ArrayList<>(0);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c) || c == 0) {
        String why =
            c == 0
                ? "NUL cannot be stored"
                : "a lone UTF-16 surrogate has no UTF-8 encoding, so it cannot be stored as written";
        out.add(
            Diagnostic.error(
                DiagnosticCode.P103,
                lines.span(i, i + 1),
                "invalid character " + Lexer.describeCharacter(c) + ": " + why,
                null));
      }
    }
    return out;
  }
}
