package dev.warden.condition;

import dev.warden.model.Truth;
import java.util.List;

/**
 * The outcome of evaluating an expression.
 *
 * @param truth true, false, or unknown when a value was missing, mistyped or erroneous
 * @param problems for unknown: why, as {@code attribute resource.is_public missing}
 */
public record Evaluation(Truth truth, List<String> problems) {

  static final Evaluation TRUE = new Evaluation(Truth.TRUE, List.of());
  static final Evaluation FALSE = new Evaluation(Truth.FALSE, List.of());

  public Evaluation {
    problems = List.copyOf(problems);
  }

  static Evaluation unknown(List<String> problems) {
    return new Evaluation(Truth.UNKNOWN, problems);
  }
}
