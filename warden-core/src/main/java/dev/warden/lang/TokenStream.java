package dev.warden.lang;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;

/**
 * The parser's view of the lexer: one current token, diagnostics and comments of consumed tokens,
 * and the hand-over to raw CEL scanning.
 */
final class TokenStream {

  /** Abandons the construct being parsed; the parser catches it where it can resynchronise. */
  static final class Abort extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Abort() {
      super(null, null, false, false);
    }
  }

  private final LineMap lines;
  private final Lexer lexer;
  private final List<Diagnostic> diagnostics = new ArrayList<>();
  private final List<Comment> comments = new ArrayList<>();
  private Token current;
  private int lastEnd;
  private boolean lastHadProblem;

  TokenStream(LineMap lines) {
    this.lines = lines;
    this.lexer = new Lexer(lines);
    this.current = lexer.next();
  }

  Token current() {
    return current;
  }

  boolean at(TokenKind kind) {
    return current.kind() == kind;
  }

  boolean atKeyword(String keyword) {
    return current.isKeyword(keyword);
  }

  /** The token after the current one, without consuming anything. */
  Token peekSecond() {
    int saved = lexer.position();
    Token t = lexer.next();
    lexer.reset(saved);
    return t;
  }

  /** Consumes the current token, reporting its lexical problem if it has one. */
  Token advance() {
    Token t = current;
    comments.addAll(t.comments());
    lastHadProblem = t.problem() != null;
    if (lastHadProblem) {
      diagnostics.add(t.problem());
    }
    if (t.kind() != TokenKind.EOF) {
      lastEnd = t.span().end();
      current = lexer.next();
    }
    return t;
  }

  /** Consumes the current token while recovering: its lexical problem is not reported. */
  void skip() {
    comments.addAll(current.comments());
    if (current.kind() != TokenKind.EOF) {
      lastEnd = current.span().end();
      current = lexer.next();
    }
  }

  /**
   * Consumes raw CEL text starting at the current token and ending where {@code end} says, and
   * continues lexing after it. Comments before the fragment are kept; those inside it belong to it.
   */
  Expr.Cel takeCel(IntUnaryOperator end) {
    int start = current.span().start();
    comments.addAll(current.comments());
    int stop = Math.max(start, end.applyAsInt(start));
    lexer.reset(stop);
    current = lexer.next();
    lastEnd = stop;
    lastHadProblem = false;
    return new Expr.Cel(lines.text().substring(start, stop), lines.span(start, stop));
  }

  /** Consumes a token of this kind, or reports what was expected and aborts. */
  Token expect(TokenKind kind, String expected) {
    if (!at(kind)) {
      throw unexpected(expected);
    }
    return advance();
  }

  /** Reports that {@code expected} was expected here; returns the abort to throw. */
  Abort unexpected(String expected) {
    report(expected);
    return new Abort();
  }

  /**
   * Reports that {@code expected} was expected here, unless the cause is a lexical problem (then
   * that problem is reported instead) or the previous token already had one.
   */
  void report(String expected) {
    if (current.problem() != null) {
      diagnostics.add(current.problem());
      skip();
      lastHadProblem = true;
      return;
    }
    if (lastHadProblem) {
      return;
    }
    error(
        DiagnosticCode.P101,
        where(),
        "expected " + expected + ", found " + current.describe(),
        null);
  }

  /**
   * Where a missing thing is reported: the current token, or just after the previous one when the
   * current token is on a later line (a forgotten {@code ;} belongs to the line it is missing on).
   */
  Span where() {
    Span here = current.span();
    if (lastEnd > 0 && lines.line(lastEnd) < here.line()) {
      return lines.span(lastEnd, lastEnd);
    }
    return here;
  }

  void error(DiagnosticCode code, Span span, String message, String hint) {
    diagnostics.add(Diagnostic.error(code, span, message, hint));
  }

  int lastEnd() {
    return lastEnd;
  }

  Span spanFrom(int start) {
    return lines.span(start, Math.max(start, lastEnd));
  }

  List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  List<Comment> comments() {
    return comments;
  }
}
