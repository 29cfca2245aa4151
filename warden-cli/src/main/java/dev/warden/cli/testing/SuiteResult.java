package dev.warden.cli.testing;

import java.util.List;
import java.util.Objects;

/** The outcomes of a suite's assertions, in file order. */
public record SuiteResult(TestSuite suite, List<Outcome> outcomes) {

  public SuiteResult {
    Objects.requireNonNull(suite, "suite");
    outcomes = List.copyOf(outcomes);
  }

  /** How many assertions held. */
  public long passed() {
    return outcomes.stream().filter(Outcome::passed).count();
  }

  /** How many did not. */
  public long failed() {
    return outcomes.size() - passed();
  }
}
