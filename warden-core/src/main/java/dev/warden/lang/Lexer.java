package dev.warden.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits policy text into tokens on demand. The parser may move the lexer ({@link #reset}) past a
 * CEL fragment it scanned from the raw text, so the lexer keeps no state but its position.
 *
 * <p>A {@code #} starts a comment running to the end of the line, except directly after a name
 * character ({@code Group#member}), where it is the userset separator.
 */
final class Lexer {

  static final int MAX_NAME_LENGTH = 64;

  private static final String NAME_RULE =
      "names start with a letter or `_`, continue with letters, digits or `_`, and have at most "
          + MAX_NAME_LENGTH
          + " characters";

  private final String text;
  private final LineMap lines;
  private int pos;

  Lexer(LineMap lines) {
    this.text = lines.text();
    this.lines = lines;
  }

  int position() {
    return pos;
  }

  void reset(int offset) {
    pos = offset;
  }

  /** The next token, with the comments before it. */
  Token next() {
    List<Comment> comments = skipTrivia();
    int start = pos;
    if (pos >= text.length()) {
      return new Token(TokenKind.EOF, "", lines.span(start, start), comments, null);
    }
    char c = text.charAt(pos);
    if (isNameStart(c)) {
      return name(start, comments);
    }
    if (c == '"') {
      return string(start, comments);
    }
    TokenKind punctuation = punctuation(c);
    if (punctuation != null) {
      pos++;
      return new Token(punctuation, String.valueOf(c), lines.span(start, pos), comments, null);
    }
    return invalid(start, comments);
  }

  private List<Comment> skipTrivia() {
    List<Comment> comments = new ArrayList<>(0);
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (isWhitespace(c)) {
        pos++;
      } else if (c == '#' && !(pos > 0 && isNameChar(text.charAt(pos - 1)))) {
        int end = lineEnd(text, pos);
        String comment = text.substring(pos, end).stripTrailing();
        comments.add(new Comment(comment, lines.span(pos, pos + comment.length())));
        pos = end;
      } else {
        break;
      }
    }
    return comments;
  }

  private Token name(int start, List<Comment> comments) {
    while (pos < text.length() && isNameChar(text.charAt(pos))) {
      pos++;
    }
    String name = text.substring(start, pos);
    Span span = lines.span(start, pos);
    return new Token(TokenKind.NAME, name, span, comments, nameProblem(name, span));
  }

  private Token string(int start, List<Comment> comments) {
    int close = start + 1;
    while (close < text.length() && text.charAt(close) != '"' && text.charAt(close) != '\n') {
      close++;
    }
    if (close < text.length() && text.charAt(close) == '"') {
      pos = close + 1;
      String content = text.substring(start + 1, close);
      Span span = lines.span(start, pos);
      return new Token(TokenKind.STRING, content, span, comments, nameProblem(content, span));
    }
    int end = lineEnd(text, start);
    if (end > start && text.charAt(end - 1) == '\r') {
      end--;
    }
    pos = end;
    Span span = lines.span(start, end);
    Diagnostic problem =
        Diagnostic.error(
            DiagnosticCode.P102,
            span,
            "unterminated string",
            "close it with `\"` on the same line");
    return new Token(TokenKind.STRING, text.substring(start + 1, end), span, comments, problem);
  }

  private static Diagnostic nameProblem(String content, Span span) {
    if (isValidName(content)) {
      return null;
    }
    String message;
    if (content.isEmpty()) {
      message = "a name cannot be empty";
    } else if (hasNameShape(content)) {
      message = "`" + content + "` is longer than " + MAX_NAME_LENGTH + " characters";
    } else {
      message = "`" + content + "` is not a valid name";
    }
    return Diagnostic.error(DiagnosticCode.P104, span, message, NAME_RULE);
  }

  private Token invalid(int start, List<Comment> comments) {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (isWhitespace(c) || isNameStart(c) || c == '"' || c == '#' || punctuation(c) != null) {
        break;
      }
      pos++;
    }
    Span span = lines.span(start, pos);
    String run = text.substring(start, pos);
    Diagnostic problem =
        Diagnostic.error(
            DiagnosticCode.P103,
            span,
            "invalid character " + describeCharacter(run.codePointAt(0)),
            null);
    return new Token(TokenKind.INVALID, run, span, comments, problem);
  }

  /** {@code `@`} for visible ASCII, {@code U+00A0} for anything else. */
  static String describeCharacter(int codePoint) {
    if (codePoint > 0x20 && codePoint < 0x7f && codePoint != '`') {
      return "`" + (char) codePoint + "`";
    }
    return String.format(Locale.ROOT, "U+%04X", codePoint);
  }

  static boolean isValidName(String s) {
    return s.length() <= MAX_NAME_LENGTH && hasNameShape(s);
  }

  /** A letter or {@code _}, then letters, digits or {@code _}, of any length. */
  private static boolean hasNameShape(String s) {
    if (s.isEmpty() || !isNameStart(s.charAt(0))) {
      return false;
    }
    for (int i = 1; i < s.length(); i++) {
      if (!isNameChar(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static TokenKind punctuation(char c) {
    return switch (c) {
      case '{' -> TokenKind.LBRACE;
      case '}' -> TokenKind.RBRACE;
      case '[' -> TokenKind.LBRACKET;
      case ']' -> TokenKind.RBRACKET;
      case '(' -> TokenKind.LPAREN;
      case ')' -> TokenKind.RPAREN;
      case ';' -> TokenKind.SEMICOLON;
      case ',' -> TokenKind.COMMA;
      case ':' -> TokenKind.COLON;
      case '=' -> TokenKind.EQUALS;
      case '|' -> TokenKind.PIPE;
      case '#' -> TokenKind.HASH;
      case '*' -> TokenKind.STAR;
      case '<' -> TokenKind.LESS;
      case '>' -> TokenKind.GREATER;
      default -> null;
    };
  }

  static boolean isNameStart(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
  }

  static boolean isNameChar(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  static boolean isWhitespace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
  }

  /** The offset of the {@code \n} ending the line that holds {@code from}, or the text length. */
  static int lineEnd(String text, int from) {
    int nl = text.indexOf('\n', from);
    return nl < 0 ? text.length() : nl;
  }
}
