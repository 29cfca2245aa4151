package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.WriteBatch;
import dev.warden.engine.EngineOptions;
import dev.warden.lang.Compilation;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Truth;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The policy language front end against the generator's models: every generated policy's source
 * text compiles without diagnostics, and the compiled policy decides exactly as the reference
 * evaluator does on the generator's own model.
 */
class CompiledSourceMatchesModelTest {

  static final long BASE_SEED = Long.getLong("warden.pbt.seed", 20_261_123L) + 2_000_000L;
  static final int SCENARIOS = Integer.getInteger("warden.pbt.scenarios", 300);

  @TestFactory
  Stream<DynamicTest> generatedSourceCompilesToTheSameSemantics() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> BASE_SEED + i)
        .map(seed -> dynamicTest("seed " + seed, () -> run(seed)));
  }

  private static void run(long seed) {
    Scenario s = ScenarioGenerator.generate(seed, 20);
    Compilation c = PolicyCompiler.compile(new SourceFile("generated.warden", s.source()));
    assertThat(c.render()).as("diagnostics for\n" + s.source()).isEmpty();
    ReferenceEvaluator reference = new ReferenceEvaluator(s.policy(), s.grants(), s.attributes());
    try (Warden w =
        Warden.builder()
            .policy(c.policyOrThrow())
            .options(EngineOptions.defaults().withMaxDepth(10_000))
            .build()) {
      w.write(WriteBatch.touch(s.grants()));
      s.attributes().forEach(w::setAttributes);
      for (CheckRequest r : s.requests()) {
        if (EngineMatchesReferenceTest.outsideTenancy(reference, r)) {
          continue;
        }
        Truth expected = reference.evaluate(r);
        assertThat(w.explain(r).root().outcome())
            .as("\n" + s.describe() + "request: " + Scenario.describe(r))
            .isEqualTo(expected.word());
      }
    }
  }
}
