package dev.warden.importer;

import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import java.util.Objects;

/**
 * One reason an OpenFGA model (or part of it) was not imported, as data. The policy language's
 * {@code Diagnostic} takes only its own closed set of codes, hence this record with the same shape.
 *
 * @param code {@code FGA1xx} syntax, {@code FGA2xx} a construct Warden cannot hold, or a model
 *     validator code ({@code P301}...) for a model that is well-formed but inconsistent
 * @param message lowercase, no final period, names in backticks
 * @param span where the carets go
 * @param hint how to get past it, or null
 */
public record ImportDiagnostic(String code, String message, Span span, String hint) {
  public ImportDiagnostic {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(span, "span");
  }

  /** {@code file:line:col: error[CODE]: message}, the source line, a caret line and the hint. */
  public String render(SourceFile source) {
    StringBuilder sb = new StringBuilder();
    sb.append(source.name()).append(':').append(span).append(": error[").append(code);
    sb.append("]: ").append(message).append('\n');
    String line = lineText(source.text(), span.line());
    sb.append("  | ").append(line).append('\n');
    int width =
        Math.max(1, Math.min(span.length(), Math.max(1, line.length() - span.column() + 1)));
    sb.append("  | ").append(" ".repeat(span.column() - 1)).append("^".repeat(width));
    if (hint != null) {
      sb.append("\n  = hint: ").append(hint);
    }
    return sb.toString();
  }

  private static String lineText(String text, int line) {
    String[] lines = text.split("\n", -1);
    return line - 1 < lines.length ? lines[line - 1].stripTrailing() : "";
  }
}
