package dev.warden.api;

import java.util.List;
import java.util.Objects;

/**
 * One step of an explanation: what was evaluated, its outcome, why, and the steps below it.
 *
 * @param kind what the step evaluated
 * @param label a short description, such as {@code Repository:gmail#read} or a rule's text
 * @param outcome {@code true}, {@code false} or {@code unknown}
 * @param reason why, when the outcome is not explained by the children; may be empty
 * @param children the sub-steps, in evaluation order
 */
public record ExplainNode(
    Kind kind, String label, String outcome, String reason, List<ExplainNode> children) {

  /** What a step evaluated. */
  public enum Kind {
    /** A relation or permission of an object: the union of its grants and rules. */
    RELATION,
    /** One rule of a relation. */
    RULE,
    /** The stored (or contextual) grants of a relation. */
    GRANTS,
    /** One grant that matched. */
    GRANT,
    /** A grant's condition. */
    CONDITION,
    /** A CEL attribute rule. */
    ATTRIBUTE,
    /** {@code "role" on "relation"}: the objects reached through a relation. */
    TUPLE_TO_USERSET,
    /** {@code and}. */
    INTERSECTION,
    /** {@code and not}. */
    EXCLUSION,
    /** {@code or} inside a rule. */
    UNION,
    /** A branch cut because it came back to a relation already being evaluated. */
    CYCLE
  }

  public ExplainNode {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(label, "label");
    Objects.requireNonNull(outcome, "outcome");
    reason = reason == null ? "" : reason;
    children = List.copyOf(children);
  }

  /** Renders the tree as indented text, one step per line. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    render(sb, "");
    return sb.toString();
  }

  private void render(StringBuilder sb, String indent) {
    sb.append(indent).append(mark()).append(' ').append(label);
    if (!reason.isEmpty()) {
      sb.append(" — ").append(reason);
    }
    sb.append('\n');
    for (ExplainNode c : children) {
      c.render(sb, indent + "  ");
    }
  }

  private String mark() {
    return switch (outcome) {
      case "true" -> "✓";
      case "false" -> "✗";
      default -> "?";
    };
  }
}
