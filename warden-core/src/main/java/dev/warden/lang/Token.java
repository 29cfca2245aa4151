package dev.warden.lang;

import java.util.List;

/**
 * A token with the comments that precede it.
 *
 * <p>A lexical problem (an unterminated string, an invalid character, an invalid name) travels with
 * the token and is reported only when the parser consumes the token: a token that turns out to
 * start a CEL fragment is re-read as CEL, and CEL reports its own problems.
 *
 * @param kind the kind
 * @param text the source text; for a string, its content without quotes
 * @param span where it stands
 * @param comments comments between the previous token and this one
 * @param problem a lexical problem, or null
 */
record Token(TokenKind kind, String text, Span span, List<Comment> comments, Diagnostic problem) {

  Token {
    comments = List.copyOf(comments);
  }

  boolean isKeyword(String keyword) {
    return kind == TokenKind.NAME && text.equals(keyword);
  }

  /** How a message names this token: {@code `;`}, {@code `"read"`}, {@code end of file}. */
  String describe() {
    return switch (kind) {
      case EOF -> "end of file";
      case STRING -> "`\"" + text + "\"`";
      case INVALID -> "invalid character " + Lexer.describeCharacter(text.codePointAt(0));
      default -> "`" + text + "`";
    };
  }
}
