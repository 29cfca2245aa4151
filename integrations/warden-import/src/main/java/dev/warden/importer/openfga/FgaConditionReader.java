package dev.warden.importer.openfga;

import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.openfga.FgaModel.Condition;
import dev.warden.importer.openfga.FgaModel.Param;
import dev.warden.lang.Span;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads one {@code condition name(p: type, ...) { cel }} block from the raw model text. Unlike the
 * rest of the DSL a condition spans lines, and its CEL body is kept exactly as written (comment
 * stripping would cut a {@code #} inside a CEL string), so it is read from the text, not by line.
 */
final class FgaConditionReader {

  private final String text;
  private int pos;

  private FgaConditionReader(String text, int pos) {
    this.text = text;
    this.pos = pos;
  }

  /** The condition whose keyword starts at {@code offset}; {@link Condition#end()} is past `}`. */
  static Condition read(String text, int offset) {
    FgaConditionReader r = new FgaConditionReader(text, offset + "condition".length());
    return r.condition(offset);
  }

  private Condition condition(int start) {
    int nameAt = skipBlanks();
    String name = word();
    if (name.isEmpty()) {
      throw error(nameAt, 1, "expected a condition name after `condition`");
    }
    expect('(');
    List<Param> params = new ArrayList<>();
    skipBlanks();
    while (peek() != ')') {
      int at = skipBlanks();
      String p = word();
      if (p.isEmpty()) {
        throw error(at, 1, "expected a parameter name");
      }
      expect(':');
      int typeAt = skipBlanks();
      String type = type();
      if (type.isEmpty()) {
        throw error(typeAt, 1, "expected the type of parameter `" + p + "`");
      }
      params.add(new Param(p, type, at(at, p.length()), at(typeAt, type.length())));
      skipBlanks();
      if (peek() == ',') {
        pos++;
        skipBlanks();
      } else if (peek() != ')') {
        throw error(pos, 1, "expected `,` or `)` in the parameter list");
      }
    }
    pos++; // )
    expect('{');
    int bodyStart = pos;
    int depth = 1;
    while (depth > 0) {
      if (pos >= text.length()) {
        throw error(start, "condition".length(), "condition `" + name + "` has no closing `}`");
      }
      char c = text.charAt(pos);
      if (c == '"' || c == '\'') {
        skipString(c);
        continue;
      }
      depth += c == '{' ? 1 : c == '}' ? -1 : 0;
      pos++;
    }
    int bodyEnd = pos - 1;
    String raw = text.substring(bodyStart, bodyEnd);
    int lead = raw.length() - raw.stripLeading().length();
    String body = raw.strip();
    return new Condition(
        name, at(nameAt, name.length()), params, body, at(bodyStart + lead, body.length()), pos);
  }

  private void skipString(char quote) {
    pos++;
    while (pos < text.length() && text.charAt(pos) != quote && text.charAt(pos) != '\n') {
      pos += text.charAt(pos) == '\\' ? 2 : 1;
    }
    pos++;
  }

  /** A type such as {@code int}, {@code list<string>}, {@code map<list<int>>}. */
  private String type() {
    int from = pos;
    int depth = 0;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '<') {
        depth++;
      } else if (c == '>') {
        if (depth == 0) {
          break;
        }
        depth--;
      } else if (!Character.isLetterOrDigit(c) && c != '_') {
        break;
      }
      pos++;
    }
    return text.substring(from, pos);
  }

  private String word() {
    int from = pos;
    while (pos < text.length()
        && (Character.isLetterOrDigit(text.charAt(pos)) || "_-".indexOf(text.charAt(pos)) >= 0)) {
      pos++;
    }
    return text.substring(from, pos);
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void expect(char c) {
    skipBlanks();
    if (peek() != c) {
      throw error(pos, 1, "expected `" + c + "` in the condition declaration");
    }
    pos++;
  }

  private int skipBlanks() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
    return pos;
  }

  private FgaParser.SyntaxError error(int offset, int length, String message) {
    return new FgaParser.SyntaxError(
        new ImportDiagnostic(
            "FGA101",
            message,
            at(offset, length),
            "write `condition name(param: type, ...) { <CEL expression> }`"));
  }

  private Span at(int offset, int length) {
    return at(text, offset, length);
  }

  /** The span of {@code length} characters at {@code offset}, with its line and column. */
  static Span at(String text, int offset, int length) {
    int o = Math.min(offset, text.length());
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < o; i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    return new Span(o, Math.min(text.length(), o + Math.max(0, length)), line, o - lineStart + 1);
  }
}
