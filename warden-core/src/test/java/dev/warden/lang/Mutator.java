package dev.warden.lang;

import java.util.Random;

/**
 * Seeded random edits of policy text, biased towards the characters and words the language cares
 * about, so that mutants hit the lexer, parser recovery, CEL scanning and the checker alike.
 */
final class Mutator {

  private static final String[] SNIPPETS = {
    "\"",
    "'",
    "(",
    ")",
    "{",
    "}",
    "[",
    "]",
    ";",
    ",",
    ":",
    "|",
    "#",
    "*",
    "<",
    ">",
    "=",
    "\n",
    " ",
    "\t",
    "not ",
    " and ",
    " or ",
    " on ",
    " if ",
    "\"x\"",
    "\"admin\"",
    "\"parent\"",
    "resource.",
    "actor.",
    "context.",
    "&&",
    "||",
    "!",
    "==",
    "'''",
    "r'",
    "\\",
    "actor A {}",
    "resource R {",
    "condition c(",
    "roles = [",
    "relations = {",
    "attributes = {",
    "list<",
    "Group#member",
    "User:*",
    "\u00e9",
    "\uD83D\uDE00",
    "\r\n",
    "id",
    "type",
    "true",
    "1"
  };

  private final Random random;

  Mutator(Random random) {
    this.random = random;
  }

  /** One to four random edits of {@code text}. */
  String mutate(String text) {
    String s = text;
    int edits = 1 + random.nextInt(4);
    for (int i = 0; i < edits; i++) {
      s = edit(s);
    }
    return s;
  }

  private String edit(String s) {
    int at = s.isEmpty() ? 0 : random.nextInt(s.length() + 1);
    return switch (random.nextInt(6)) {
      case 0 -> delete(s, at);
      case 1 -> s.substring(0, at) + SNIPPETS[random.nextInt(SNIPPETS.length)] + s.substring(at);
      case 2 -> s.substring(0, at) + slice(s) + s.substring(at);
      case 3 -> s.substring(0, at) + (char) random.nextInt(128) + s.substring(at);
      case 4 -> swapLines(s);
      default -> replaceChar(s, at);
    };
  }

  private String delete(String s, int at) {
    int end = Math.min(s.length(), at + 1 + random.nextInt(12));
    return s.substring(0, at) + s.substring(end);
  }

  private String slice(String s) {
    if (s.isEmpty()) {
      return "";
    }
    int from = random.nextInt(s.length());
    return s.substring(from, Math.min(s.length(), from + 1 + random.nextInt(40)));
  }

  private String replaceChar(String s, int at) {
    if (at >= s.length()) {
      return s;
    }
    String snippet = SNIPPETS[random.nextInt(SNIPPETS.length)];
    return s.substring(0, at) + snippet + s.substring(at + 1);
  }

  private String swapLines(String s) {
    String[] lines = s.split("\n", -1);
    if (lines.length < 2) {
      return s;
    }
    int a = random.nextInt(lines.length);
    int b = random.nextInt(lines.length);
    String t = lines[a];
    lines[a] = lines[b];
    lines[b] = t;
    return String.join("\n", lines);
  }
}
