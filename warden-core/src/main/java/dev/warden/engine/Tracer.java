package dev.warden.engine;

import dev.warden.api.ExplainNode;
import dev.warden.api.ExplainNode.Kind;
import dev.warden.model.Truth;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** Records an evaluation as a tree of {@link ExplainNode}s, for explain. */
final class Tracer {

  private static final class Frame {
    final Kind kind;
    final String label;
    final List<ExplainNode> children = new ArrayList<>();

    Frame(Kind kind, String label) {
      this.kind = kind;
      this.label = label;
    }
  }

  private final Deque<Frame> stack = new ArrayDeque<>();
  private final Frame top = new Frame(Kind.RELATION, "");

  Tracer() {
    stack.push(top);
  }

  /** Starts a step whose children follow. */
  void open(Kind kind, String label) {
    stack.push(new Frame(kind, label));
  }

  /** Ends the innermost open step with its outcome; returns the outcome. */
  Truth close(Truth outcome, String reason) {
    Frame f = stack.pop();
    stack.peek().children.add(new ExplainNode(f.kind, f.label, outcome.word(), reason, f.children));
    return outcome;
  }

  /** Adds a step with no children; returns the outcome. */
  Truth leaf(Kind kind, String label, Truth outcome, String reason) {
    stack.peek().children.add(new ExplainNode(kind, label, outcome.word(), reason, List.of()));
    return outcome;
  }

  /** The single top-level step recorded. */
  ExplainNode root() {
    if (stack.size() != 1 || top.children.size() != 1) {
      throw new IllegalStateException("unbalanced explanation trace");
    }
    return top.children.get(0);
  }
}
