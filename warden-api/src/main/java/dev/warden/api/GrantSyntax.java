package dev.warden.api;

/**
 * The text form of grants: {@code Type:id#relation@SubjectType:id[#relation]} with an optional
 * {@code [condition {json context}]} after whitespace. An id holding whitespace or one of {@code
 * # @ " \ [ ]} is written in double quotes ({@code User:"john@smith.com"}); see
 * docs/data-format.md, section "Ids".
 */
public final class GrantSyntax {

  private GrantSyntax() {}

  /**
   * Parses one grant, with a precise message (the column, and a hint to quote an id when an
   * unquoted one holds punctuation) when the text is not one.
   */
  public static Grant parse(String text) {
    if (text == null || text.isBlank()) {
      throw WardenException.invalid("a grant is required, as `Type:id#relation@Type:id`");
    }
    if (text.indexOf('@') < 0) {
      throw WardenException.invalid(
          "grant `" + Names.printable(text) + "` has no `@` before its subject");
    }
    return GrantTextParser.grant(text);
  }

  /** Parses a subject alone: {@code Type:id}, {@code Type:id#relation} or {@code Type:*}. */
  public static SubjectRef parseSubject(String text) {
    if (text == null) {
      throw WardenException.invalid("a subject is required");
    }
    return GrantTextParser.subject(text);
  }

  /**
   * True when {@code c} may appear in an id written without quotes: anything but whitespace, a
   * control character and the punctuation of the grant text form ({@code # @ " \ [ ]}). The colon
   * is allowed: the type ends at the first one.
   */
  static boolean isBareIdChar(char c) {
    return switch (c) {
      case '#', '@', '"', '\\', '[', ']' -> false;
      default ->
          !Character.isWhitespace(c) && !Character.isSpaceChar(c) && !Character.isISOControl(c);
    };
  }

  /**
   * The id as the grant text form writes it: as is when every character may stand bare, otherwise
   * in double quotes with {@code "} and {@code \} escaped by a backslash.
   */
  public static String formatId(String id) {
    for (int i = 0; i < id.length(); i++) {
      if (!isBareIdChar(id.charAt(i))) {
        return quote(id);
      }
    }
    return id;
  }

  /** {@code id} in double quotes, {@code "} and {@code \} escaped. */
  static String quote(String id) {
    StringBuilder out = new StringBuilder(id.length() + 2).append('"');
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '"' || c == '\\') {
        out.append('\\');
      }
      out.append(c);
    }
    return out.append('"').toString();
  }

  /** The text form of a subject, its id quoted when needed. */
  public static String formatSubject(SubjectRef s) {
    String id = s.isWildcard() ? Names.WILDCARD : formatId(s.id());
    return s.type() + ":" + id + (s.relation() == null ? "" : "#" + s.relation());
  }

  /** The canonical text of a grant. */
  public static String format(Grant g) {
    String base =
        g.resource().type()
            + ":"
            + formatId(g.resource().id())
            + "#"
            + g.relation()
            + "@"
            + formatSubject(g.subject());
    if (g.condition() == null) {
      return base;
    }
    String name = g.condition().name();
    if (g.condition().context().isEmpty()) {
      return base + " [" + name + "]";
    }
    return base + " [" + name + " " + JsonText.write(g.condition().context()) + "]";
  }
}
