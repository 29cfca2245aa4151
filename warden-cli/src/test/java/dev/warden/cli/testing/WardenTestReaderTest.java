package dev.warden.cli.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.WardenException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The model a reader builds, independent of the command that prints it. */
class WardenTestReaderTest {

  static final Path EXAMPLE = Path.of("../examples/quickstart/policy_test.yaml");

  @Test
  void theQuickstartExampleReadsIntoTheModel() {
    TestSuite suite = TestSuiteReader.forFile(EXAMPLE).read(EXAMPLE);

    assertThat(suite.policyName()).endsWith("policy.warden");
    assertThat(suite.policySource()).contains("resource Repository");
    // grants.yaml: three grants and one entity's attributes, each located at its `data` entry
    assertThat(suite.fixtures()).hasSize(4);
    assertThat(suite.fixtures()).allSatisfy(f -> assertThat(f.at().line()).isEqualTo(4));
    assertThat(suite.tests())
        .extracting(TestCase::name)
        .containsExactly(
            "roles imply each other",
            "no role, no access",
            "a contextual grant holds for its request only",
            "a test's own grants",
            "lookups");
    TestCase contextual = suite.tests().get(2);
    Assertion.Check first = (Assertion.Check) contextual.assertions().get(0);
    assertThat(first.request().contextualGrants()).hasSize(1);
    assertThat(first.allowed()).isTrue();
    assertThat(first.at().line()).isEqualTo(21);
    assertThat(suite.tests().get(3).fixtures()).hasSize(1);
  }

  @Test
  void everyAssertionOfTheExampleHolds() {
    SuiteResult result = SuiteRunner.run(TestSuiteReader.forFile(EXAMPLE).read(EXAMPLE));
    assertThat(result.failed()).isZero();
    assertThat(result.passed()).isEqualTo(14);
  }

  @Test
  void aFileOfAnotherFormatHasNoReaderYet() {
    assertThatThrownBy(() -> TestSuiteReader.forFile(Path.of("model.fga")))
        .isInstanceOf(WardenException.class)
        .hasMessage("`model.fga` is not a test file: expected .yaml, .yml or .json");
  }
}
