package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.TypeDef;
import org.junit.jupiter.api.Test;

/**
 * The generated scenarios the engine is compared on do place a role's grants with {@code this}
 * inside {@code and} and inside both sides of {@code and not}, so the comparison covers them.
 */
class ThisCoverageTest {

  @Test
  void scenariosPlaceThisInsideAndAndAndNot() {
    int inAnd = 0;
    int asBase = 0;
    int excluded = 0;
    for (int i = 0; i < EngineMatchesReferenceTest.SCENARIOS; i++) {
      Scenario s = ScenarioGenerator.generate(EngineMatchesReferenceTest.BASE_SEED + i, 0);
      for (TypeDef t : s.policy().types().values()) {
        for (RelationDef r : t.relations().values()) {
          for (Rule rule : r.rules()) {
            inAnd += count(rule.body(), Kind.AND, false);
            asBase += count(rule.body(), Kind.BASE, false);
            excluded += count(rule.body(), Kind.EXCLUDED, false);
          }
        }
      }
    }
    System.out.println(
        "this in and: " + inAnd + ", as base: " + asBase + ", excluded: " + excluded);
    assertThat(inAnd).as("this as an operand of and").isGreaterThan(50);
    assertThat(asBase).as("this as the base of and not").isGreaterThan(50);
    assertThat(excluded).as("this excluded").isGreaterThan(50);
  }

  private enum Kind {
    AND,
    BASE,
    EXCLUDED
  }

  /** How many {@code this} sit directly where {@code kind} says. */
  private static int count(Rewrite rw, Kind kind, boolean here) {
    if (rw instanceof Rewrite.Direct) {
      return here ? 1 : 0;
    }
    if (rw instanceof Rewrite.Union u) {
      return u.children().stream().mapToInt(c -> count(c, kind, false)).sum();
    }
    if (rw instanceof Rewrite.Intersection x) {
      return x.children().stream().mapToInt(c -> count(c, kind, kind == Kind.AND)).sum();
    }
    if (rw instanceof Rewrite.Exclusion e) {
      return count(e.base(), kind, kind == Kind.BASE)
          + count(e.excluded(), kind, kind == Kind.EXCLUDED);
    }
    return 0;
  }
}
