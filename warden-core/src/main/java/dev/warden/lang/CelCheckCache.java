package dev.warden.lang;

import dev.warden.condition.ExpressionChecker;
import dev.warden.condition.ExpressionIssue;
import dev.warden.condition.ExpressionScope;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Type-checks CEL through {@link ExpressionChecker}, remembering recent answers. Checking one
 * expression costs about a millisecond, and the same policy is compiled again and again (on every
 * reload, by the formatter's equivalence check, by editors), nearly always with unchanged
 * expressions. The answer depends only on the text and the scope, so a small LRU is safe.
 */
final class CelCheckCache {

  private static final int CAPACITY = 1024;
  private static final int MAX_CACHED_LENGTH = 4096;

  private record Key(String text, ExpressionScope scope) {}

  private static final Map<Key, List<ExpressionIssue>> CACHE =
      Collections.synchronizedMap(
          new LinkedHashMap<>(64, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, List<ExpressionIssue>> eldest) {
              return size() > CAPACITY;
            }
          });

  private CelCheckCache() {}

  /** Every problem of {@code text} in {@code scope}; never throws. */
  static List<ExpressionIssue> check(String text, ExpressionScope scope) {
    if (text.length() > MAX_CACHED_LENGTH) {
      return checkNow(text, scope);
    }
    Key key = new Key(text, scope);
    List<ExpressionIssue> known = CACHE.get(key);
    if (known != null) {
      return known;
    }
    List<ExpressionIssue> issues = checkNow(text, scope);
    CACHE.put(key, issues);
    return issues;
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
