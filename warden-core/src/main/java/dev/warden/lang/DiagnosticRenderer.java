package dev.warden.lang;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders diagnostics as text, the one place that does. The layout, with the gutter as wide as the
 * line number:
 *
 * <pre>
 * error[P302]: unknown role or permission `maintaner` on `Repository`
 *  --> policy.warden:16:13
 *    |
 * 16 |   "push" if "maintaner" and not resource.archived;
 *    |             ^^^^^^^^^^^
 *    = hint: did you mean `maintainer`?
 * </pre>
 *
 * Carets cover the span on its first line (at least one caret). Tabs in the shown line are expanded
 * to {@value #TAB_WIDTH} spaces, and the carets are placed on the expanded line.
 */
public final class DiagnosticRenderer {

  static final int TAB_WIDTH = 4;

  private DiagnosticRenderer() {}

  /** One diagnostic as a block of lines, without a trailing newline. */
  public static String render(SourceFile source, Diagnostic diagnostic) {
    return render(source.name(), LineMap.of(source.text()), diagnostic);
  }

  /** Every diagnostic, each rendered as by {@link #render(SourceFile, Diagnostic)}. */
  public static List<String> renderAll(SourceFile source, List<Diagnostic> diagnostics) {
    LineMap lines = LineMap.of(source.text());
    List<String> out = new ArrayList<>(diagnostics.size());
    for (Diagnostic d : diagnostics) {
      out.add(render(source.name(), lines, d));
    }
    return out;
  }

  static String render(String fileName, LineMap lines, Diagnostic d) {
    Span span = d.span();
    int line = lines.line(span.start());
    String number = Integer.toString(line);
    String pad = " ".repeat(number.length() + 1);
    String shown = lines.lineText(line);
    int lineStart = lines.lineStart(line);
    int from = span.start() - lineStart;
    int to = Math.min(span.end(), lines.lineEnd(line)) - lineStart;
    int caretStart = width(shown, 0, from);
    int carets = Math.max(1, width(shown, from, Math.max(from, to)));

    StringBuilder sb = new StringBuilder();
    sb.append(d.severity().word()).append('[').append(d.code()).append("]: ");
    sb.append(d.message()).append('\n');
    sb.append(" --> ").append(fileName).append(':').append(line).append(':');
    sb.append(lines.column(span.start())).append('\n');
    sb.append(pad).append("|\n");
    String expanded = expandTabs(shown).stripTrailing();
    sb.append(number).append(" |").append(expanded.isEmpty() ? "" : " " + expanded).append('\n');
    sb.append(pad).append("| ").append(" ".repeat(caretStart)).append("^".repeat(carets));
    if (d.hint() != null) {
      sb.append('\n').append(pad).append("= hint: ").append(d.hint());
    }
    return sb.toString();
  }

  /** Display width of {@code s[from, to)}: a tab is {@value #TAB_WIDTH}, a code point is 1. */
  private static int width(String s, int from, int to) {
    int w = 0;
    int end = Math.min(to, s.length());
    for (int i = from; i < end; i += Character.charCount(s.codePointAt(i))) {
      w += s.charAt(i) == '\t' ? TAB_WIDTH : 1;
    }
    // A span may reach past the shown text (the end of the line itself): one column per char.
    return w + Math.max(0, to - Math.max(end, from));
  }

  private static String expandTabs(String s) {
    return s.replace("\t", " ".repeat(TAB_WIDTH));
  }
}
