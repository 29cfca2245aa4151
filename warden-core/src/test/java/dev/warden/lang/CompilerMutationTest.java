package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Compiles about 20k seeded random mutants of the example policies: the compiler must return (not
 * throw) and terminate on each. {@link Termination} only catches hangs; nothing here is about
 * speed. A failure names the seed and the input; rerun one seed with {@code -Dwarden.seed=<seed>
 * -Dwarden.mutants=1}.
 */
class CompilerMutationTest {

  private static final int MUTANTS = Integer.getInteger("warden.mutants", 20_000);
  private static final long BASE_SEED = Long.getLong("warden.seed", 42L);

  @Test
  void compilerNeverThrowsAndTerminatesOnMutants() {
    List<SourceFile> examples = TestPolicies.examples();
    int compiled = 0;
    for (int i = 0; i < MUTANTS; i++) {
      long seed = BASE_SEED + i;
      Random random = new Random(seed);
      SourceFile base = examples.get(random.nextInt(examples.size()));
      SourceFile mutant = new SourceFile("mutant.warden", new Mutator(random).mutate(base.text()));
      String description = "seed " + seed + ", input:\n" + mutant.text();
      try {
        Termination.guard(() -> compileAndRender(mutant), description);
      } catch (RuntimeException | AssertionError e) {
        throw new AssertionError(description, e);
      }
      compiled++;
    }
    assertThat(compiled).isEqualTo(MUTANTS);
  }

  /** Compiles and renders; checks what a crash-free compiler must also satisfy. */
  static void compileAndRender(SourceFile source) {
    Compilation c = PolicyCompiler.compile(source);
    List<String> rendered = c.render();
    assertThat(rendered).hasSameSizeAs(c.diagnostics());
    assertThat(c.policy() == null).isEqualTo(c.hasErrors());
    for (Diagnostic d : c.diagnostics()) {
      assertThat(d.span().end()).isLessThanOrEqualTo(source.text().length());
    }
  }
}
