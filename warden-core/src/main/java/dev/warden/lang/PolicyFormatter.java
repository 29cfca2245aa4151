package dev.warden.lang;

import java.util.List;

/**
 * Prints a policy in the canonical layout: two-space indentation, one member per line in the order
 * written, one blank line between declarations, and comments where they were.
 *
 * <p>Comment placement: a comment on its own line stays before what follows it; a comment after a
 * member on the same line stays after it; a comment inside a member that is printed on one line
 * moves to just above that member. Single blank lines between members are kept. Lists written over
 * several lines stay one entry per line. CEL text is kept exactly as written (comments included),
 * so formatting never changes the compiled policy, and formatting formatted text changes nothing.
 */
public final class PolicyFormatter {

  private PolicyFormatter() {}

  /** Formats {@code source}, or returns its syntax errors when it does not parse. */
  public static Formatting format(SourceFile source) {
    Parser.Result parsed = Parser.parse(source);
    List<Diagnostic> syntax = parsed.diagnostics();
    if (!syntax.isEmpty()) {
      return new Formatting(null, syntax);
    }
    return new Formatting(new FormatPrinter(source.text(), parsed.tree()).print(), List.of());
  }
}
