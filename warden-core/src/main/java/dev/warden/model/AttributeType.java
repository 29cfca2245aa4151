package dev.warden.model;

import java.util.Objects;

/**
 * The declared type of an attribute or condition parameter.
 *
 * @param kind the scalar kind, or {@link Kind#LIST}
 * @param element the element type of a list, otherwise null
 */
public record AttributeType(Kind kind, AttributeType element) {

  /** The kinds an attribute may have; each maps to one CEL type. */
  public enum Kind {
    BOOL("bool"),
    INT("int"),
    DOUBLE("double"),
    STRING("string"),
    TIMESTAMP("timestamp"),
    DURATION("duration"),
    LIST("list");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    /** The name used in the policy language. */
    public String keyword() {
      return keyword;
    }
  }

  public static final AttributeType BOOL = new AttributeType(Kind.BOOL, null);
  public static final AttributeType INT = new AttributeType(Kind.INT, null);
  public static final AttributeType DOUBLE = new AttributeType(Kind.DOUBLE, null);
  public static final AttributeType STRING = new AttributeType(Kind.STRING, null);
  public static final AttributeType TIMESTAMP = new AttributeType(Kind.TIMESTAMP, null);
  public static final AttributeType DURATION = new AttributeType(Kind.DURATION, null);

  public AttributeType {
    Objects.requireNonNull(kind, "kind");
    if ((kind == Kind.LIST) != (element != null)) {
      throw new IllegalArgumentException("a list type needs an element type, and only a list");
    }
  }

  /** A list of the given element type. */
  public static AttributeType listOf(AttributeType element) {
    return new AttributeType(Kind.LIST, Objects.requireNonNull(element, "element"));
  }

  /** The scalar type named by a policy keyword, or null when the keyword names none. */
  public static AttributeType scalar(String keyword) {
    for (AttributeType t : new AttributeType[] {BOOL, INT, DOUBLE, STRING, TIMESTAMP, DURATION}) {
      if (t.kind.keyword.equals(keyword)) {
        return t;
      }
    }
    return null;
  }

  /** The policy-language spelling: {@code bool}, {@code list<string>}. */
  @Override
  public String toString() {
    return kind == Kind.LIST ? "list<" + element + ">" : kind.keyword;
  }
}
