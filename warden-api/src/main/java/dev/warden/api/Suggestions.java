package dev.warden.api;

import java.util.Collection;

/** "Did you mean" for unknown names: the closest candidate by edit distance, if close enough. */
public final class Suggestions {

  private Suggestions() {}

  /**
   * The candidate closest to {@code name}, or null when none is within a few edits: one edit per
   * three characters, at least one and at most three. Names of one or two characters are only
   * matched ignoring case, since every short name is an edit or two from every other.
   */
  public static String closest(String name, Collection<String> candidates) {
    int limit = name.length() <= 2 ? 0 : Math.min(3, Math.max(1, name.length() / 3));
    String best = null;
    int bestDistance = limit + 1;
    for (String c : candidates) {
      if (c.equals(name)) {
        continue;
      }
      int d = c.equalsIgnoreCase(name) ? 0 : distance(name, c, bestDistance - 1);
      if (d < bestDistance) {
        best = c;
        bestDistance = d;
      }
    }
    return best;
  }

  /** The hint {@code did you mean `x`?}, or null when nothing is close. */
  public static String hint(String name, Collection<String> candidates) {
    String s = closest(name, candidates);
    return s == null ? null : "did you mean `" + s + "`?";
  }

  /** {@code ; did you mean `x`?} to append to a message, or the empty string. */
  public static String didYouMean(String name, Collection<String> candidates) {
    String h = hint(name, candidates);
    return h == null ? "" : "; " + h;
  }

  /**
   * Optimal string alignment distance (Levenshtein plus adjacent transpositions), or {@code max +
   * 1} as soon as it must exceed {@code max}, so that long unrelated names cost little.
   */
  static int distance(String a, String b, int max) {
    if (Math.abs(a.length() - b.length()) > max) {
      return max + 1;
    }
    int[] prev2 = new int[b.length() + 1];
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      int rowMin = cur[0];
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(prev[j] + 1, cur[j - 1] + 1), prev[j - 1] + cost);
        if (i > 1
            && j > 1
            && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, prev2[j - 2] + 1);
        }
        cur[j] = d;
        rowMin = Math.min(rowMin, d);
      }
      if (rowMin > max) {
        return max + 1;
      }
      int[] t = prev2;
      prev2 = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
