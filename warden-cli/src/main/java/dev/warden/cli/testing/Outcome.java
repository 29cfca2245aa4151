package dev.warden.cli.testing;

import java.util.Objects;

/**
 * How one assertion came out.
 *
 * @param test the test it belongs to
 * @param assertion the assertion
 * @param failure what was expected and what came instead, or null when it passed
 * @param explanation for a failed check, the rendered tree of what decided; empty otherwise
 */
public record Outcome(TestCase test, Assertion assertion, String failure, String explanation) {

  public Outcome {
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(assertion, "assertion");
    explanation = explanation == null ? "" : explanation;
  }

  static Outcome passed(TestCase test, Assertion assertion) {
    return new Outcome(test, assertion, null, "");
  }

  /** True when the assertion held. */
  public boolean passed() {
    return failure == null;
  }

  /** {@code file:line: [test] assertion: failure}, the line the command prints. */
  public String message() {
    return assertion.at().fileLine()
        + ": ["
        + test.name()
        + "] "
        + assertion.describe()
        + (passed() ? "" : ": " + failure);
  }
}
