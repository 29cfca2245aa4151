package dev.warden.api;

import java.util.Objects;

/**
 * A decision with the tree of grants and rules that produced it. For a deny, the tree shows every
 * branch that was tried and why each failed.
 *
 * @param decision the decision, the same as {@link Authorizer#check} gives
 * @param root the evaluation of the requested action
 */
public record Explanation(Decision decision, ExplainNode root) {
  public Explanation {
    Objects.requireNonNull(decision, "decision");
    Objects.requireNonNull(root, "root");
  }
}
