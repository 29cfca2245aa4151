package dev.warden.cli.testing;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A test file, whatever its format: the policy under test, the data every test starts from, and the
 * tests. A {@link TestSuiteReader} per format builds it; {@link SuiteRunner} runs it.
 *
 * @param file the file it was read from
 * @param policyName the name the policy's diagnostics carry (its file, or the test file's inline
 *     policy)
 * @param policySource the policy's source text
 * @param fixtures grants and attributes every test starts from
 * @param tests the tests, in file order
 */
public record TestSuite(
    Path file,
    String policyName,
    String policySource,
    List<Fixture> fixtures,
    List<TestCase> tests) {

  public TestSuite {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(policyName, "policyName");
    Objects.requireNonNull(policySource, "policySource");
    fixtures = List.copyOf(fixtures);
    tests = List.copyOf(tests);
  }
}
