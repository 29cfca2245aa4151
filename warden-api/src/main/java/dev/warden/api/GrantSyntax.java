package dev.warden.api;

import java.util.Map;

/**
 * The text form of grants: {@code Type:id#relation@SubjectType:id[#relation]} with an optional
 * {@code [condition {json context}]} after whitespace.
 */
public final class GrantSyntax {

  private GrantSyntax() {}

  /** Parses one grant, with a precise message when the text is not one. */
  public static Grant parse(String text) {
    if (text == null || text.isBlank()) {
      throw WardenException.invalid("a grant is required, as `Type:id#relation@Type:id`");
    }
    String s = text.strip();
    GrantCondition condition = null;
    int bracket = s.indexOf('[');
    if (bracket >= 0) {
      condition = parseCondition(text, s.substring(bracket));
      s = s.substring(0, bracket).strip();
    }
    int at = s.indexOf('@');
    if (at < 0) {
      throw WardenException.invalid("grant `" + text + "` has no `@` before its subject");
    }
    String left = s.substring(0, at);
    int hash = left.lastIndexOf('#');
    if (hash < 0) {
      throw WardenException.invalid("grant `" + text + "` has no `#relation` after its resource");
    }
    EntityRef resource = EntityRef.parse(left.substring(0, hash));
    String relation = left.substring(hash + 1);
    SubjectRef subject = SubjectRef.parse(s.substring(at + 1));
    return new Grant(resource, relation, subject, condition);
  }

  private static GrantCondition parseCondition(String text, String part) {
    if (!part.endsWith("]")) {
      throw WardenException.invalid("grant `" + text + "`: the condition needs a closing `]`");
    }
    String inner = part.substring(1, part.length() - 1).strip();
    int brace = inner.indexOf('{');
    String name = (brace < 0 ? inner : inner.substring(0, brace)).strip();
    Map<String, Object> context = Map.of();
    if (brace >= 0) {
      try {
        context = JsonText.parseObject(inner.substring(brace));
      } catch (IllegalArgumentException e) {
        throw WardenException.invalid(
            "grant `" + text + "`: the condition context is not a JSON object: " + e.getMessage());
      }
    }
    return new GrantCondition(name, context);
  }

  /** The canonical text of a grant. */
  public static String format(Grant g) {
    String base = g.resource() + "#" + g.relation() + "@" + g.subject();
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
