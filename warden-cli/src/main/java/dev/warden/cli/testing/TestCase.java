package dev.warden.cli.testing;

import java.util.List;
import java.util.Objects;

/**
 * One named test: grants and attributes of its own, on top of the suite's, and its assertions.
 * Every test starts from the suite's data alone; what one test adds never leaks into the next.
 */
public record TestCase(
    String name, Location at, List<Fixture> fixtures, List<Assertion> assertions) {

  public TestCase {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    fixtures = List.copyOf(fixtures);
    assertions = List.copyOf(assertions);
  }
}
