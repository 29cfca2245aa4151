package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.Explanation;
import dev.warden.engine.EngineOptions;
import dev.warden.model.Truth;
import dev.warden.store.WriteBatch;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine against the reference evaluator on generated scenarios. Each scenario is one dynamic
 * test named by its seed; replay one with {@code -Dwarden.pbt.seed=<seed>
 * -Dwarden.pbt.scenarios=1}.
 */
class EngineMatchesReferenceTest {

  static final long BASE_SEED = Long.getLong("warden.pbt.seed", 20_261_123L);
  static final int SCENARIOS = Integer.getInteger("warden.pbt.scenarios", 500);

  @TestFactory
  Stream<DynamicTest> checkAndExplainAgreeWithTheReference() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> BASE_SEED + i)
        .map(seed -> dynamicTest("seed " + seed, () -> run(seed)));
  }

  static Warden load(Scenario s) {
    Warden w =
        Warden.builder()
            .policy(s.policy())
            .options(EngineOptions.defaults().withMaxDepth(10_000))
            .build();
    w.write(WriteBatch.touch(s.grants()));
    s.attributes().forEach(w::setAttributes);
    return w;
  }

  private static void run(long seed) {
    Scenario s = ScenarioGenerator.generate(seed);
    ReferenceEvaluator reference = new ReferenceEvaluator(s.policy(), s.grants(), s.attributes());
    try (Warden w = load(s)) {
      for (CheckRequest r : s.requests()) {
        Truth expected = reference.evaluate(r);
        Decision d = w.check(r);
        Explanation e = w.explain(r);
        String why =
            "\n" + s.describe() + "request: " + Scenario.describe(r) + "\n" + e.root().render();
        assertThat(d.allowed()).as("check" + why).isEqualTo(expected == Truth.TRUE);
        assertThat(e.root().outcome()).as("explain" + why).isEqualTo(expected.word());
        assertThat(e.decision().allowed()).as("explain decision" + why).isEqualTo(d.allowed());
      }
    }
  }
}
