package dev.warden.lang;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The formatter's promises (idempotent, policy and problems unchanged, comments kept) on seeded
 * random mutants of the corpus. Mutants that do not parse are skipped, as the formatter refuses
 * them. Each case names its seed; rerun one with {@code -Dwarden.seed=...}.
 */
class FormatterPropertyTest {

  private static final int CASES = Integer.getInteger("warden.formatter.cases", 3000);
  private static final long BASE_SEED = Long.getLong("warden.seed", 20261123L);

  @TestFactory
  Stream<DynamicTest> formatterPromisesHoldOnMutants() {
    List<SourceFile> corpus = TestPolicies.corpus();
    return IntStream.range(0, CASES)
        .mapToObj(
            i -> {
              long seed = BASE_SEED + i;
              return DynamicTest.dynamicTest("seed " + seed, () -> check(corpus, seed));
            });
  }

  private static void check(List<SourceFile> corpus, long seed) {
    Random random = new Random(seed);
    SourceFile base = corpus.get(random.nextInt(corpus.size()));
    String mutant = new Mutator(random).mutate(base.text());
    try {
      FormatterTest.assertFormatterPromises(new SourceFile("mutant.warden", mutant));
    } catch (AssertionError e) {
      throw new AssertionError("seed " + seed + ", input:\n" + mutant, e);
    }
  }
}
