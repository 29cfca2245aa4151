package dev.warden.lang;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.warden.condition.ExpressionChecker;
import dev.warden.condition.ExpressionIssue;
import dev.warden.condition.ExpressionScope;
import java.util.List;

/**
 * Type-checks CEL through {@link ExpressionChecker}, remembering recent answers. Checking one
 * expression costs about a millisecond, and the same policy is compiled again and again (on every
 * reload, by the formatter's equivalence check, by editors), nearly always with unchanged
 * expressions. The answer depends only on the text and the scope, so a small bounded cache is safe.
 * Caffeine rather than a synchronized map: compilations on different threads no longer queue on one
 * lock for every lookup, and two threads asking for the same text wait for one check instead of
 * both running it. Its eviction is not strictly least-recently-used (it also weighs how often a
 * text was asked for), which only changes which answers are kept, never what an answer is.
 */
final class CelCheckCache {

  /** At most this many answers are kept. */
  static final int CAPACITY = 1024;

  /** Longer texts are checked every time: they are rare, and would crowd out the common ones. */
  static final int MAX_CACHED_LENGTH = 4096;

  private record Key(String text, ExpressionScope scope) {}

  private static final Cache<Key, List<ExpressionIssue>> CACHE =
      Caffeine.newBuilder()
          .maximumSize(CAPACITY)
          // Evictions run on the calling thread rather than as tasks in ForkJoinPool.commonPool():
          // they are cheap, and the bound then holds as soon as a call returns.
          .executor(Runnable::run)
          .build();

  private CelCheckCache() {}

  /** Every problem of {@code text} in {@code scope}; never throws. */
  static List<ExpressionIssue> check(String text, ExpressionScope scope) {
    if (text.length() > MAX_CACHED_LENGTH) {
      return checkNow(text, scope);
    }
    return CACHE.get(new Key(text, scope), k -> checkNow(k.text(), k.scope()));
  }

  /** How many answers are kept now, after pending evictions; for tests of the bound. */
  static long size() {
    CACHE.cleanUp();
    return CACHE.estimatedSize();
  }

  private static List<ExpressionIssue> checkNow(String text, ExpressionScope scope) {
    try {
      return List.copyOf(ExpressionChecker.check(text, scope));
    } catch (RuntimeException e) {
      // CEL is a library boundary: whatever it throws on strange input becomes a diagnostic.
      return List.of(
          new ExpressionIssue(
              ExpressionIssue.Kind.SYNTAX,
              "cannot read expression: " + e.getMessage(),
              0,
              text.length(),
              null,
              List.of()));
    }
  }
}
