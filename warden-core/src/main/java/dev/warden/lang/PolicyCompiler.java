package dev.warden.lang;

import dev.warden.model.Policy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Compiles policy source to the model: parse, check, and lower when nothing is wrong. */
public final class PolicyCompiler {

  private static final Comparator<Diagnostic> SOURCE_ORDER =
      Comparator.comparingInt((Diagnostic d) -> d.span().start()).thenComparing(Diagnostic::code);

  private PolicyCompiler() {}

  /** Compiles {@code source}. Never throws on any input: problems come back as diagnostics. */
  public static Compilation compile(SourceFile source) {
    Parser.Result parsed = Parser.parse(source);
    Checker.Result checked = Checker.check(parsed.tree(), parsed.lines());
    List<Diagnostic> all = new ArrayList<>(parsed.diagnostics());
    all.addAll(checked.diagnostics());
    all.sort(SOURCE_ORDER);
    boolean failed = all.stream().anyMatch(Diagnostic::isError);
    Policy policy = failed ? null : Lowering.lower(checked.symbols(), source.name());
    return new Compilation(source, all, policy);
  }
}
