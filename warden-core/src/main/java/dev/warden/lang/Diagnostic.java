package dev.warden.lang;

import java.util.Objects;

/**
 * One problem found in a policy, as data. {@link DiagnosticRenderer} is the only place that turns
 * it into text.
 *
 * @param code the stable code
 * @param severity error or warning
 * @param message lowercase, no final period, names in backticks
 * @param span the primary span the carets go under
 * @param hint how to fix it, or null
 */
public record Diagnostic(
    DiagnosticCode code, Severity severity, String message, Span span, String hint) {

  public Diagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
  }

  /** An error without a hint. */
  static Diagnostic error(DiagnosticCode code, Span span, String message) {
    return new Diagnostic(code, Severity.ERROR, message, span, null);
  }

  /** An error with a hint (which may be null). */
  static Diagnostic error(DiagnosticCode code, Span span, String message, String hint) {
    return new Diagnostic(code, Severity.ERROR, message, span, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }
}
