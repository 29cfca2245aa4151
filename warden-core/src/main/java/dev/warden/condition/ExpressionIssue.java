package dev.warden.condition;

import java.util.List;

/**
 * A problem found in a CEL expression, positioned relative to the expression's own text.
 *
 * @param kind what went wrong
 * @param message lowercase, no final period, names in backticks
 * @param offset character offset into the expression text
 * @param length characters covered (at least 1)
 * @param name the unknown name for {@link Kind#UNKNOWN_ATTRIBUTE} and {@link Kind#UNKNOWN_NAME}
 * @param candidates known names to suggest from, for the same kinds
 */
public record ExpressionIssue(
    Kind kind, String message, int offset, int length, String name, List<String> candidates) {

  /** The kinds of expression problem. */
  public enum Kind {
    /** CEL does not parse. */
    SYNTAX,
    /** {@code actor.x} or {@code resource.x} where no such attribute is declared. */
    UNKNOWN_ATTRIBUTE,
    /** An identifier that is neither a root, a parameter nor a CEL function. */
    UNKNOWN_NAME,
    /** CEL's checker rejects the types, or the result is not a bool. */
    TYPE
  }

  public ExpressionIssue {
    candidates = List.copyOf(candidates);
    length = Math.max(1, length);
  }
}
