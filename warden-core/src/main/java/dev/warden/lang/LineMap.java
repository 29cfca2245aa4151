package dev.warden.lang;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Maps offsets of one text to lines and columns in O(log n), and gives the text of a line. Columns
 * count code points, so a character outside the BMP is one column.
 */
final class LineMap {

  private final String text;
  private final int[] lineStarts;
  // Low surrogates before each offset, or null when the text has none (the common case).
  private final int[] lowSurrogatesBefore;

  private LineMap(String text, int[] lineStarts, int[] lowSurrogatesBefore) {
    this.text = text;
    this.lineStarts = lineStarts;
    this.lowSurrogatesBefore = lowSurrogatesBefore;
  }

  static LineMap of(String text) {
    List<Integer> starts = new ArrayList<>();
    starts.add(0);
    boolean surrogates = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        starts.add(i + 1);
      }
      surrogates |= Character.isLowSurrogate(c);
    }
    int[] lines = starts.stream().mapToInt(Integer::intValue).toArray();
    return new LineMap(text, lines, surrogates ? countLowSurrogates(text) : null);
  }

  private static int[] countLowSurrogates(String text) {
    int[] counts = new int[text.length() + 1];
    for (int i = 0; i < text.length(); i++) {
      counts[i + 1] = counts[i] + (Character.isLowSurrogate(text.charAt(i)) ? 1 : 0);
    }
    return counts;
  }

  String text() {
    return text;
  }

  int lineCount() {
    return lineStarts.length;
  }

  /** The 1-based line holding {@code offset}. */
  int line(int offset) {
    int i = Arrays.binarySearch(lineStarts, clamp(offset));
    return i >= 0 ? i + 1 : -i - 1;
  }

  /** The 1-based code point column of {@code offset}. */
  int column(int offset) {
    int at = clamp(offset);
    int start = lineStarts[line(at) - 1];
    int surrogates =
        lowSurrogatesBefore == null ? 0 : lowSurrogatesBefore[at] - lowSurrogatesBefore[start];
    return at - start - surrogates + 1;
  }

  /** The span from {@code start} to {@code end}, both clamped to the text. */
  Span span(int start, int end) {
    int s = clamp(start);
    return new Span(s, Math.max(s, clamp(end)), line(s), column(s));
  }

  /** Offset of the first character of a 1-based line. */
  int lineStart(int line) {
    return lineStarts[line - 1];
  }

  /** Offset just past the last character of a line, before its {@code \n} or {@code \r\n}. */
  int lineEnd(int line) {
    int end = line < lineStarts.length ? lineStarts[line] - 1 : text.length();
    return end > lineStart(line) && text.charAt(end - 1) == '\r' ? end - 1 : end;
  }

  /** The text of a 1-based line without its line break. */
  String lineText(int line) {
    return text.substring(lineStart(line), lineEnd(line));
  }

  private int clamp(int offset) {
    return Math.max(0, Math.min(offset, text.length()));
  }
}
