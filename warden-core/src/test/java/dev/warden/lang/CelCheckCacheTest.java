package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.condition.ExpressionChecker;
import dev.warden.condition.ExpressionIssue;
import dev.warden.condition.ExpressionScope;
import dev.warden.model.AttributeType;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CelCheckCacheTest {

  /** Declares `resource.department`. */
  private static final ExpressionScope WITH_DEPARTMENT =
      ExpressionScope.forRule(Map.of(), Map.of("department", AttributeType.STRING));

  /** Declares no resource attribute. */
  private static final ExpressionScope WITHOUT =
      ExpressionScope.forRule(Map.of(), Map.of("owner", AttributeType.STRING));

  private record Case(String text, ExpressionScope scope, List<ExpressionIssue> expected) {}

  /**
   * Many threads checking the same texts, each under two scopes where the answers differ, see
   * exactly what an uncached check says: the cache keys on text and scope, and a lookup racing a
   * check never returns a partial or foreign answer.
   */
  @Test
  void concurrentChecksReturnWhatAnUncachedCheckReturns() throws Exception {
    // A nonce keeps these texts out of anything another test left in the shared cache.
    String nonce = Long.toString(System.nanoTime());
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("resource.department == \"" + nonce + "-" + i + "\"");
      texts.add("resource.department + " + i + " == \"" + nonce + "\"");
      texts.add("resource.department == (\"" + nonce + "\"" + " ".repeat(i % 3));
    }
    List<Case> cases = new ArrayList<>();
    for (String text : texts) {
      for (ExpressionScope scope : List.of(WITH_DEPARTMENT, WITHOUT)) {
        cases.add(new Case(text, scope, List.copyOf(ExpressionChecker.check(text, scope))));
      }
    }
    // The two scopes must really disagree, or a cache keyed on the text alone would pass.
    assertThat(cases.get(0).expected()).isEmpty();
    assertThat(cases.get(1).expected())
        .extracting(ExpressionIssue::kind)
        .containsExactly(ExpressionIssue.Kind.UNKNOWN_ATTRIBUTE);

    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<String>>> results = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        long seed = t;
        results.add(
            pool.submit(
                () -> {
                  List<Case> order = new ArrayList<>(cases);
                  List<String> wrong = new ArrayList<>();
                  Random random = new Random(seed);
                  for (int round = 0; round < 3; round++) {
                    Collections.shuffle(order, random);
                    for (Case c : order) {
                      List<ExpressionIssue> got = CelCheckCache.check(c.text(), c.scope());
                      if (!got.equals(c.expected())) {
                        wrong.add(c.text() + " in " + c.scope() + ": " + got);
                      }
                    }
                  }
                  return wrong;
                }));
      }
      for (Future<List<String>> result : results) {
        assertThat(result.get(2, TimeUnit.MINUTES)).isEmpty();
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void keepsAtMostItsCapacity() {
    String nonce = Long.toString(System.nanoTime());
    for (int i = 0; i < CelCheckCache.CAPACITY + 300; i++) {
      assertThat(CelCheckCache.check(i + " == " + i + " && \"" + nonce + "\" != \"\"", WITHOUT))
          .isEmpty();
    }
    assertThat(CelCheckCache.size()).isPositive().isLessThanOrEqualTo(CelCheckCache.CAPACITY);
  }

  @Test
  void keepsShortTextsButChecksLongOnesEveryTime() {
    String nonce = Long.toString(System.nanoTime());
    // Texts with an issue: every check of them builds a new list (an empty one would not).
    String shortText = "resource.department == \"" + nonce + "\"";
    List<ExpressionIssue> kept = CelCheckCache.check(shortText, WITHOUT);
    assertThat(kept).hasSize(1);
    assertThat(CelCheckCache.check(shortText, WITHOUT)).isSameAs(kept);

    String longText =
        "resource.department == \"" + nonce + "x".repeat(CelCheckCache.MAX_CACHED_LENGTH) + "\"";
    List<ExpressionIssue> first = CelCheckCache.check(longText, WITHOUT);
    List<ExpressionIssue> second = CelCheckCache.check(longText, WITHOUT);
    assertThat(first).hasSize(1);
    assertThat(second).isEqualTo(first).isNotSameAs(first);
  }
}
