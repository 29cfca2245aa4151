package dev.warden.model;

import java.util.Objects;

/**
 * The declared type of an attribute or condition parameter.
 *
 * @param kind the scalar kind, or {@link Kind#LIST} or {@link Kind#MAP}
 * @param element the element type of a list, the value type of a map (keys are strings), otherwise
 *     null
 */
public record AttributeType(Kind kind, AttributeType element) {

  /** The kinds an attribute may have; each maps to one CEL type. */
  public enum Kind {
    BOOL("bool"),
    INT("int"),
    /** A whole number from 0 to 2^64-1; CEL's {@code uint}. */
    UINT("uint"),
    DOUBLE("double"),
    STRING("string"),
    TIMESTAMP("timestamp"),
    DURATION("duration"),
    /**
     * An IPv4 or IPv6 address, written as a string; CEL's {@code ipaddress} with {@code in_cidr}.
     */
    IPADDRESS("ipaddress"),
    LIST("list"),
    /** String keys, values of the element type. */
    MAP("map");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    /** The name used in the policy language. */
    public String keyword() {
      return keyword;
    }

    /** True for the kinds that take an element type: {@code list<T>}, {@code map<T>}. */
    public boolean container() {
      return this == LIST || this == MAP;
    }
  }

  public static final AttributeType BOOL = new AttributeType(Kind.BOOL, null);
  public static final AttributeType INT = new AttributeType(Kind.INT, null);
  public static final AttributeType UINT = new AttributeType(Kind.UINT, null);
  public static final AttributeType DOUBLE = new AttributeType(Kind.DOUBLE, null);
  public static final AttributeType STRING = new AttributeType(Kind.STRING, null);
  public static final AttributeType TIMESTAMP = new AttributeType(Kind.TIMESTAMP, null);
  public static final AttributeType DURATION = new AttributeType(Kind.DURATION, null);
  public static final AttributeType IPADDRESS = new AttributeType(Kind.IPADDRESS, null);

  private static final AttributeType[] SCALARS = {
    BOOL, INT, UINT, DOUBLE, STRING, TIMESTAMP, DURATION, IPADDRESS
  };

  public AttributeType {
    Objects.requireNonNull(kind, "kind");
    if (kind.container() != (element != null)) {
      throw new IllegalArgumentException(
          "a list or map type needs an element type, and only a list or map");
    }
  }

  /** A list of the given element type. */
  public static AttributeType listOf(AttributeType element) {
    return new AttributeType(Kind.LIST, Objects.requireNonNull(element, "element"));
  }

  /** A map from strings to values of the given type. */
  public static AttributeType mapOf(AttributeType element) {
    return new AttributeType(Kind.MAP, Objects.requireNonNull(element, "element"));
  }

  /** The scalar type named by a policy keyword, or null when the keyword names none. */
  public static AttributeType scalar(String keyword) {
    for (AttributeType t : SCALARS) {
      if (t.kind.keyword.equals(keyword)) {
        return t;
      }
    }
    return null;
  }

  /**
   * The type spelt as {@link #toString} spells it ({@code map<list<int>>}), or null when the text
   * names no type.
   */
  public static AttributeType parse(String text) {
    for (Kind container : new Kind[] {Kind.LIST, Kind.MAP}) {
      String open = container.keyword + "<";
      if (text.startsWith(open) && text.endsWith(">")) {
        AttributeType element = parse(text.substring(open.length(), text.length() - 1));
        return element == null ? null : new AttributeType(container, element);
      }
    }
    return scalar(text);
  }

  /** The policy-language spelling: {@code bool}, {@code list<string>}, {@code map<int>}. */
  @Override
  public String toString() {
    return kind.container() ? kind.keyword + "<" + element + ">" : kind.keyword;
  }
}
