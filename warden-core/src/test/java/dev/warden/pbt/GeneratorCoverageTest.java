package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/**
 * The generated scenarios exercise the arrows the reference checks: a generator that stopped
 * drawing one would let the property tests pass without testing it.
 */
class GeneratorCoverageTest {

  @Test
  void scenariosUseTheAllArrowAndArrowsOverUsersets() {
    long all = count(" on all \"");
    long overUsersets = count(" on \"via\"") + count(" on all \"via\"");
    long allOverUsersets = count(" on all \"via\"");
    assertThat(all).as("scenarios with `on all`").isGreaterThan(100);
    assertThat(overUsersets).as("scenarios with an arrow over `via`").isGreaterThan(30);
    assertThat(allOverUsersets).as("scenarios with `on all` over `via`").isGreaterThan(5);
  }

  private static long count(String text) {
    return LongStream.range(0, 500)
        .filter(
            i ->
                ScenarioGenerator.generate(EngineMatchesReferenceTest.BASE_SEED + i, 1)
                    .source()
                    .contains(text))
        .count();
  }
}
