package dev.warden.model.validate;

import java.util.List;
import java.util.Objects;

/**
 * Something wrong with a policy model, as data: a front end renders it in its own terms.
 *
 * @param code what kind of problem, named as the policy language's diagnostic code
 * @param message what is wrong
 * @param hint how to fix it, or null
 * @param location where in the model
 * @param unknown the name the problem says is missing, or null; a front end that offers "did you
 *     mean" may prefer a close name among {@code candidates} to {@code hint}
 * @param candidates the names that do exist where {@code unknown} was looked up
 */
public record Problem(
    ProblemCode code,
    String message,
    String hint,
    Location location,
    String unknown,
    List<String> candidates) {

  public Problem {
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(location, "location");
    candidates = List.copyOf(candidates);
  }

  static Problem of(ProblemCode code, Location at, String message, String hint) {
    return new Problem(code, message, hint, at, null, List.of());
  }
}
