package dev.warden.importer.openfga;

import dev.warden.importer.ImportDiagnostic;
import dev.warden.lang.Span;
import java.util.ArrayList;
import java.util.List;

/** The tokens of one {@code define} line: names, and the punctuation {@code [ ] ( ) , : # *}. */
final class Tokens {

  /** One token and where it stands. */
  record Tok(String text, boolean name, Span span) {}

  private final Line line;
  private final List<Tok> toks = new ArrayList<>();
  private int pos;

  Tokens(Line line) {
    this.line = line;
    String s = line.content();
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (isNameChar(c)) {
        int j = i;
        while (j < s.length() && isNameChar(s.charAt(j))) {
          j++;
        }
        toks.add(new Tok(s.substring(i, j), true, line.span(i, j - i)));
        i = j;
      } else if ("[](),:#*".indexOf(c) >= 0) {
        toks.add(new Tok(String.valueOf(c), false, line.span(i, 1)));
        i++;
      } else {
        throw line.error(
            "FGA101", i, 1, "unexpected character `" + c + "`", "remove it or fix the name");
      }
    }
  }

  /** OpenFGA's extended identifiers: letters, digits and {@code _ - . /}. */
  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z')
        || (c >= 'A' && c <= 'Z')
        || (c >= '0' && c <= '9')
        || c == '_'
        || c == '-'
        || c == '.'
        || c == '/';
  }

  boolean peekIs(String text) {
    return pos < toks.size() && toks.get(pos).text().equals(text);
  }

  Tok next() {
    if (pos >= toks.size()) {
      throw atEnd("more input");
    }
    return toks.get(pos++);
  }

  Tok previous() {
    return toks.get(pos - 1);
  }

  Tok expect(String text) {
    if (!peekIs(text)) {
      throw unexpected("`" + text + "`");
    }
    return next();
  }

  Tok expectName(String what) {
    if (pos < toks.size() && toks.get(pos).name() && !isKeyword(toks.get(pos).text())) {
      return next();
    }
    throw unexpected(what);
  }

  void expectEnd() {
    if (pos < toks.size()) {
      throw errorAt(toks.get(pos), "unexpected `" + toks.get(pos).text() + "`");
    }
  }

  FgaParser.SyntaxError errorAt(Tok t, String message) {
    return new FgaParser.SyntaxError(
        new ImportDiagnostic("FGA101", message, t.span(), hintFor(message)));
  }

  private static String hintFor(String message) {
    if (message.startsWith("mixed")) {
      return "OpenFGA needs parentheses to mix `or`, `and` and `but not`: `(a or b) and c`";
    }
    if (message.startsWith("a type restriction")) {
      return "list every directly assignable type in one leading `[...]`: `[user, group#member] or"
          + " editor`";
    }
    return null;
  }

  private FgaParser.SyntaxError unexpected(String what) {
    if (pos >= toks.size()) {
      return atEnd(what);
    }
    Tok t = toks.get(pos);
    return new FgaParser.SyntaxError(
        new ImportDiagnostic(
            "FGA101", "expected " + what + ", found `" + t.text() + "`", t.span(), null));
  }

  private FgaParser.SyntaxError atEnd(String what) {
    int end = line.content().length();
    return line.error("FGA101", end, 0, "expected " + what + " before the end of the line", null);
  }

  private static boolean isKeyword(String s) {
    return switch (s) {
      case "or", "and", "but", "not", "from", "with" -> true;
      default -> false;
    };
  }
}
