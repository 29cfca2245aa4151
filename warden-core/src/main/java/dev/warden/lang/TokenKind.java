package dev.warden.lang;

/** The kinds of token. Keywords are {@link #NAME}s, recognised by the parser where they matter. */
enum TokenKind {
  NAME,
  STRING,
  LBRACE,
  RBRACE,
  LBRACKET,
  RBRACKET,
  LPAREN,
  RPAREN,
  SEMICOLON,
  COMMA,
  COLON,
  EQUALS,
  PIPE,
  HASH,
  STAR,
  LESS,
  GREATER,
  /** A run of characters that start no token; carries a P103 problem. */
  INVALID,
  EOF
}
