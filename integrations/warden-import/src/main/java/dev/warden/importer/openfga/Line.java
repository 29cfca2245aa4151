package dev.warden.importer.openfga;

import dev.warden.importer.ImportDiagnostic;
import dev.warden.lang.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * One source line without its comment: the content (trimmed), and where it starts.
 *
 * @param content the text between indentation and comment, trailing blanks removed
 * @param offset offset of {@code content}'s first character in the file
 * @param number 1-based line number
 * @param column 1-based column of {@code content}'s first character
 */
record Line(String content, int offset, int number, int column) {

  /** Every line of {@code text}; a {@code #} at line start or after a blank starts a comment. */
  static List<Line> split(String text) {
    List<Line> out = new ArrayList<>();
    int start = 0;
    int number = 1;
    while (start <= text.length()) {
      int nl = text.indexOf('\n', start);
      int end = nl < 0 ? text.length() : nl;
      String raw = text.substring(start, end);
      int cut = raw.length();
      for (int i = 0; i < raw.length(); i++) {
        if (raw.charAt(i) == '#' && (i == 0 || Character.isWhitespace(raw.charAt(i - 1)))) {
          cut = i;
          break;
        }
      }
      String kept = raw.substring(0, cut);
      int indent = 0;
      while (indent < kept.length() && Character.isWhitespace(kept.charAt(indent))) {
        indent++;
      }
      out.add(new Line(kept.strip(), start + indent, number, indent + 1));
      if (nl < 0) {
        break;
      }
      start = nl + 1;
      number++;
    }
    return out;
  }

  /** A point just past the last character of {@code text}. */
  static Span endSpan(String text) {
    int line = 1;
    int lastNl = -1;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lastNl = i;
      }
    }
    return new Span(text.length(), text.length(), line, text.length() - lastNl);
  }

  /** The first word of the content. */
  String firstWord() {
    String[] words = content.split("\\s+", 2);
    return words[0];
  }

  /** The span of {@code length} characters at {@code index} into the content. */
  Span span(int index, int length) {
    return new Span(offset + index, offset + index + length, number, column + index);
  }

  FgaParser.SyntaxError error(String code, int index, int length, String message, String hint) {
    return new FgaParser.SyntaxError(
        new ImportDiagnostic(code, message, span(index, length), hint));
  }
}
