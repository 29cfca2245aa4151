package dev.warden.lang;

/**
 * Finds where CEL text embedded in a policy ends, reading the raw source the way CEL reads it:
 * strings (single, double, triple-quoted, raw) and brackets are skipped as a whole, and {@code #}
 * outside a string starts a policy comment.
 *
 * <p>A rule's fragment ends before the first of, outside strings and brackets: the word {@code and}
 * or {@code or}, a {@code ;}, an unbalanced closing bracket, or a new rule ({@code "name" if}). A
 * condition body ends before its unbalanced {@code }}. Both also stop at a {@code ;} inside
 * brackets and at a line starting a new declaration, so that a missing bracket swallows at most one
 * rule. The returned end is just past the last character that is neither blank nor comment.
 */
final class CelScanner {

  private static final String[] OPERATORS = {
    "==", "!=", "<", ">", "+", "-", "*", "/", "%", "&&", "||", ".", "[", "?"
  };

  private CelScanner() {}

  /** The end of the fragment of a rule that starts at {@code start}. */
  static int ruleFragmentEnd(String text, int start) {
    return scan(text, start, true);
  }

  /** The end of a condition body that starts at {@code start}, before its closing brace. */
  static int conditionBodyEnd(String text, int start) {
    return scan(text, start, false);
  }

  private static int scan(String text, int start, boolean rule) {
    int depth = 0;
    int i = start;
    int lastSignificant = start;
    char previous = ' ';
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\n' && startsDeclaration(text, i + 1)) {
        break;
      }
      if (Lexer.isWhitespace(c)) {
        i++;
        continue;
      }
      if (c == '#') {
        i = Lexer.lineEnd(text, i);
        continue;
      }
      if (c == ';') {
        break;
      }
      if (c == '"' || c == '\'') {
        if (rule && depth == 0 && c == '"' && startsRule(text, i)) {
          break;
        }
        int end = stringEnd(text, i);
        if (end < 0) {
          // Unterminated: let CEL report it, and end the fragment where the rule probably ends.
          return lastSignificantBefore(text, i, unterminatedEnd(text, i));
        }
        i = end;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
        i++;
      } else if (c == ')' || c == ']' || c == '}') {
        if (depth == 0) {
          break;
        }
        depth--;
        i++;
      } else if (Lexer.isNameChar(c)) {
        int end = wordEnd(text, i);
        if (rule && depth == 0 && previous != '.' && isWord(text, i, end, "and", "or")) {
          break;
        }
        i = end;
      } else {
        i++;
      }
      previous = text.charAt(i - 1);
      lastSignificant = i;
    }
    return lastSignificant;
  }

  /**
   * The offset of the {@code )} matching the {@code (} at {@code open}, or -1 when there is none
   * before a {@code ;} or the end of the text.
   */
  static int matchingParen(String text, int open) {
    int depth = 0;
    int i = open;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '#') {
        i = Lexer.lineEnd(text, i);
      } else if (c == ';') {
        return -1;
      } else if (c == '"' || c == '\'') {
        i = stringEnd(text, i);
        if (i < 0) {
          return -1;
        }
      } else {
        if (c == '(' || c == '[' || c == '{') {
          depth++;
        } else if (c == ')' || c == ']' || c == '}') {
          depth--;
          if (depth == 0) {
            return c == ')' ? i : -1;
          }
        }
        i++;
      }
    }
    return -1;
  }

  /**
   * True when the text from {@code from}, after blanks and comments, starts with a CEL binary or
   * postfix operator ({@code == != < <= > >= + - * / % && || . [ ? in}): then a string or group
   * that ends there is the start of a CEL expression.
   */
  static boolean celOperatorAt(String text, int from) {
    int i = skipBlanks(text, from);
    for (String op : OPERATORS) {
      if (text.startsWith(op, i)) {
        return true;
      }
    }
    return isWord(text, i, wordEnd(text, i), "in");
  }

  /** Replaces comments with spaces, so CEL sees valid text at unchanged offsets. */
  static String blankComments(String raw) {
    StringBuilder sb = new StringBuilder(raw);
    forEachComment(raw, (from, to) -> sb.replace(from, to, " ".repeat(to - from)));
    return sb.toString();
  }

  /** The CEL text without comments or trailing blanks on any line: what the model keeps. */
  static String stripComments(String raw) {
    String blanked = blankComments(raw);
    StringBuilder sb = new StringBuilder(blanked.length());
    int from = 0;
    while (true) {
      int nl = blanked.indexOf('\n', from);
      int end = nl < 0 ? blanked.length() : nl;
      sb.append(blanked.substring(from, end).stripTrailing());
      if (nl < 0) {
        return sb.toString().strip();
      }
      sb.append('\n');
      from = nl + 1;
    }
  }

  /**
   * True when {@code raw} ends inside an unterminated string, which runs to the end of its line:
   * whatever is printed after it must go on the next line to stay outside the fragment.
   */
  static boolean endsInOpenString(String raw) {
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '#') {
        i = Lexer.lineEnd(raw, i);
      } else if (c == '"' || c == '\'') {
        i = stringEnd(raw, i);
        if (i < 0) {
          return true;
        }
      } else {
        i++;
      }
    }
    return false;
  }

  /** Receives the range of one comment. */
  private interface CommentRange {
    void accept(int from, int to);
  }

  private static void forEachComment(String raw, CommentRange sink) {
    int i = 0;
    while (i < raw.length()) {
      char c = raw.charAt(i);
      if (c == '#') {
        int end = Lexer.lineEnd(raw, i);
        sink.accept(i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        int end = stringEnd(raw, i);
        i = end < 0 ? unterminatedEnd(raw, i) : end;
      } else {
        i++;
      }
    }
  }

  /** The offset just past the string starting at {@code quote}, or -1 if it is unterminated. */
  static int stringEnd(String text, int quote) {
    char q = text.charAt(quote);
    boolean raw = isRawPrefix(text, quote);
    String triple = String.valueOf(q).repeat(3);
    boolean isTriple = text.startsWith(triple, quote);
    int i = quote + (isTriple ? 3 : 1);
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '\\' && !raw) {
        i += 2;
      } else if (isTriple ? text.startsWith(triple, i) : c == q) {
        return i + (isTriple ? 3 : 1);
      } else if (c == '\n' && !isTriple) {
        return -1;
      } else {
        i++;
      }
    }
    return -1;
  }

  /** Where a rule with an unterminated string probably ends: its line's first {@code ;}, or EOL. */
  private static int unterminatedEnd(String text, int quote) {
    int eol = Lexer.lineEnd(text, quote);
    int semicolon = text.indexOf(';', quote);
    return semicolon >= 0 && semicolon < eol ? semicolon : eol;
  }

  private static int lastSignificantBefore(String text, int start, int end) {
    int e = end;
    while (e > start && Lexer.isWhitespace(text.charAt(e - 1))) {
      e--;
    }
    return e;
  }

  // r'..', R"..", br'..', Rb"..": CEL raw strings, where a backslash escapes nothing.
  private static boolean isRawPrefix(String text, int quote) {
    int i = quote - 1;
    if (i >= 0 && (text.charAt(i) == 'b' || text.charAt(i) == 'B')) {
      i--;
    }
    if (i < 0 || (text.charAt(i) != 'r' && text.charAt(i) != 'R')) {
      return false;
    }
    int before = i - 1;
    if (before >= 0 && (text.charAt(before) == 'b' || text.charAt(before) == 'B')) {
      before--;
    }
    return before < 0 || !Lexer.isNameChar(text.charAt(before));
  }

  /** True when a rule head ({@code "name" if}) starts at the quote. */
  private static boolean startsRule(String text, int quote) {
    int close = text.indexOf('"', quote + 1);
    int eol = Lexer.lineEnd(text, quote);
    if (close < 0 || close > eol) {
      return false;
    }
    int i = skipBlanks(text, close + 1);
    return isWord(text, i, wordEnd(text, i), "if");
  }

  /**
   * True when the line starting at {@code from} begins a declaration: {@code resource Name} or
   * {@code actor Name} followed by a brace, or {@code condition name} followed by a parenthesis.
   * The name may not be {@code and} or {@code or}, so that text the formatter joins onto a
   * fragment's last line cannot look like one.
   */
  private static boolean startsDeclaration(String text, int from) {
    int i = skipSpaces(text, from);
    int end = wordEnd(text, i);
    boolean type = isWord(text, i, end, "actor", "resource");
    if (!type && !isWord(text, i, end, "condition")) {
      return false;
    }
    int nameStart = skipSpaces(text, end);
    int nameEnd = wordEnd(text, nameStart);
    if (nameStart == end
        || nameEnd == nameStart
        || !Lexer.isNameStart(text.charAt(nameStart))
        || isWord(text, nameStart, nameEnd, "and", "or")) {
      return false;
    }
    int after = skipSpaces(text, nameEnd);
    return after < text.length() && text.charAt(after) == (type ? '{' : '(');
  }

  private static int skipSpaces(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    return i;
  }

  private static int skipBlanks(String text, int from) {
    int i = from;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == '#') {
        i = Lexer.lineEnd(text, i);
      } else if (Lexer.isWhitespace(c)) {
        i++;
      } else {
        break;
      }
    }
    return i;
  }

  private static int wordEnd(String text, int from) {
    int i = from;
    while (i < text.length() && Lexer.isNameChar(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static boolean isWord(String text, int start, int end, String... words) {
    for (String w : words) {
      if (end - start == w.length() && text.startsWith(w, start)) {
        return true;
      }
    }
    return false;
  }
}
