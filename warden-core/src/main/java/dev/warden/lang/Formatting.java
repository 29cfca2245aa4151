package dev.warden.lang;

import java.util.List;

/**
 * The outcome of formatting: the canonical text, or the syntax errors that prevent formatting.
 *
 * @param text the formatted source, or null when the source does not parse
 * @param syntaxErrors the parser's diagnostics; empty exactly when {@code text} is not null
 */
public record Formatting(String text, List<Diagnostic> syntaxErrors) {

  public Formatting {
    syntaxErrors = List.copyOf(syntaxErrors);
  }

  public boolean ok() {
    return text != null;
  }
}
