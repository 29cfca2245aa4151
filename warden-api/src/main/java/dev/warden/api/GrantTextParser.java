package dev.warden.api;

import java.util.Map;

/**
 * Reads the grant text form left to right, so that every error names the column where the text
 * stops making sense. See {@link GrantSyntax} for the grammar and docs/data-format.md ("Ids") for
 * the quoting rules.
 */
final class GrantTextParser {

  private final String text;
  private int at;

  private GrantTextParser(String text) {
    this.text = text;
  }

  /** One grant: resource, relation, subject, then an optional {@code [condition {json}]}. */
  static Grant grant(String text) {
    GrantTextParser p = new GrantTextParser(text);
    p.skipSpaces();
    EntityRef resource = p.entity();
    p.expect('#', "`#relation` after the resource", true);
    String relation = p.name("relation");
    p.expect('@', "`@` before the subject", false);
    SubjectRef subject = p.subject();
    p.skipSpaces();
    GrantCondition condition = null;
    if (p.at < text.length() && text.charAt(p.at) == '[') {
      condition = p.condition();
    } else if (p.at < text.length()) {
      throw p.error("unexpected `" + p.current() + "` after the subject", p.quoteHint(false));
    }
    return new Grant(resource, relation, subject, condition);
  }

  /** A subject alone: {@code Type:id}, {@code Type:id#relation} or {@code Type:*}. */
  static SubjectRef subject(String text) {
    GrantTextParser p = new GrantTextParser(text);
    SubjectRef subject = p.subject();
    if (p.at < text.length()) {
      throw p.error("unexpected `" + p.current() + "` after the subject", p.quoteHint(false));
    }
    return subject;
  }

  private EntityRef entity() {
    String type = name("type");
    expect(':', "`:` between the type and the id", false);
    int idAt = at;
    String id = id();
    if (id == null) {
      throw error("expected an id", null);
    }
    if (Names.WILDCARD.equals(id)) {
      at = idAt;
      throw error(
          "`" + type + ":*` is a wildcard, not an entity; a wildcard can only be a grant's subject",
          null);
    }
    return new EntityRef(type, id);
  }

  private SubjectRef subject() {
    String type = name("subject type");
    expect(':', "`:` between the subject type and the id", false);
    String id = id();
    if (id == null) {
      throw error("expected an id or `*`", null);
    }
    String relation = null;
    if (at < text.length() && text.charAt(at) == '#') {
      at++;
      relation = name("subject relation");
    }
    // A quoted "*" was refused by quotedId, so `*` here is the bare wildcard.
    return new SubjectRef(type, id, relation);
  }

  /** A quoted or bare id, or null when there is none here. */
  private String id() {
    if (at < text.length() && text.charAt(at) == '"') {
      return quotedId();
    }
    int start = at;
    while (at < text.length() && GrantSyntax.isBareIdChar(text.charAt(at))) {
      at++;
    }
    return at == start ? null : text.substring(start, at);
  }

  private String quotedId() {
    int open = at++;
    StringBuilder id = new StringBuilder();
    while (at < text.length()) {
      char c = text.charAt(at);
      if (c == '"') {
        at++;
        if (Names.WILDCARD.contentEquals(id)) {
          at = open;
          throw error(
              "the id `*` is reserved for the wildcard and cannot be quoted into an object id",
              "write `Type:*` for every object of the type");
        }
        return id.toString();
      }
      if (c == '\\') {
        char next = at + 1 < text.length() ? text.charAt(at + 1) : 0;
        if (next != '"' && next != '\\') {
          throw error("unknown escape in a quoted id", "only `\\\"` and `\\\\` are escapes");
        }
        id.append(next);
        at += 2;
      } else {
        id.append(c);
        at++;
      }
    }
    at = open;
    throw error("the quoted id has no closing `\"`", null);
  }

  private String name(String what) {
    int start = at;
    while (at < text.length() && isNameChar(text.charAt(at))) {
      at++;
    }
    String name = text.substring(start, at);
    if (!Names.isName(name)) {
      at = start;
      throw error(
          "expected a " + what + " name (a letter or `_`, then letters, digits or `_`)", null);
    }
    return name;
  }

  private void expect(char c, String what, boolean resourceIdBefore) {
    if (at < text.length() && text.charAt(at) == c) {
      at++;
      return;
    }
    String found = at < text.length() ? "`" + current() + "`" : "the end";
    throw error("expected " + what + ", found " + found, resourceIdBefore ? quoteHint(true) : null);
  }

  private GrantCondition condition() {
    String part = text.substring(at).strip();
    if (!part.endsWith("]")) {
      throw error("the condition needs a closing `]`", null);
    }
    String inner = part.substring(1, part.length() - 1).strip();
    int brace = inner.indexOf('{');
    String name = (brace < 0 ? inner : inner.substring(0, brace)).strip();
    Map<String, Object> context = Map.of();
    if (brace >= 0) {
      try {
        context = JsonText.parseObject(inner.substring(brace));
      } catch (IllegalArgumentException e) {
        throw error("the condition context is not a JSON object: " + e.getMessage(), null);
      }
    }
    at = text.length();
    return new GrantCondition(name, context);
  }

  /**
   * When the text stops right after a bare id, the likely cause is an id holding punctuation or a
   * space ({@code User:john@smith.com}): suggest the quoted form. A resource id runs to the next
   * {@code #}; a subject id to the end of the word, less a trailing {@code #relation}.
   */
  private String quoteHint(boolean resource) {
    int colon = text.lastIndexOf(':', at - 1);
    if (colon < 0 || at >= text.length() || text.charAt(colon + 1) == '"') {
      return null;
    }
    int end = resource ? text.indexOf('#', at) : at;
    if (end < 0) {
      return null;
    }
    while (!resource && end < text.length() && !Character.isWhitespace(text.charAt(end))) {
      end++;
    }
    String id = text.substring(colon + 1, end);
    String suffix = "";
    int hash = id.lastIndexOf('#');
    if (!resource && hash > 0 && Names.isName(id.substring(hash + 1))) {
      suffix = id.substring(hash);
      id = id.substring(0, hash);
    }
    int typeStart = colon;
    while (typeStart > 0 && isNameChar(text.charAt(typeStart - 1))) {
      typeStart--;
    }
    return "quote the id: " + text.substring(typeStart, colon + 1) + GrantSyntax.quote(id) + suffix;
  }

  private String current() {
    return Names.printable(String.valueOf(text.charAt(at)));
  }

  private WardenException error(String message, String hint) {
    return WardenException.invalid(
        "grant `"
            + Names.printable(text)
            + "` at column "
            + (at + 1)
            + ": "
            + message
            + (hint == null ? "" : "; " + hint));
  }

  private void skipSpaces() {
    while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
      at++;
    }
  }

  private static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }
}
