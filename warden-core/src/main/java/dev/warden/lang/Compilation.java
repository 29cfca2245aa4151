package dev.warden.lang;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.model.Policy;
import java.util.List;
import java.util.Objects;

/**
 * The outcome of compiling one source: every diagnostic, and the policy when there is no error.
 *
 * @param source what was compiled
 * @param diagnostics all diagnostics, in source order
 * @param policy the compiled policy, or null when any diagnostic is an error
 */
public record Compilation(SourceFile source, List<Diagnostic> diagnostics, Policy policy) {

  public Compilation {
    Objects.requireNonNull(source, "source");
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean hasErrors() {
    return errorCount() > 0;
  }

  public long errorCount() {
    return diagnostics.stream().filter(Diagnostic::isError).count();
  }

  /** Every diagnostic rendered, one block each. */
  public List<String> render() {
    return DiagnosticRenderer.renderAll(source, diagnostics);
  }

  /**
   * The policy, or an {@link ErrorCode#INVALID_POLICY} exception whose details are the rendered
   * diagnostics.
   */
  public Policy policyOrThrow() {
    if (policy != null) {
      return policy;
    }
    long n = errorCount();
    throw new WardenException(
        ErrorCode.INVALID_POLICY,
        "policy `" + source.name() + "` has " + n + (n == 1 ? " error" : " errors"),
        render(),
        null);
  }
}
