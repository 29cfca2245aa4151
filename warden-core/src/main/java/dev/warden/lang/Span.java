package dev.warden.lang;

/**
 * A range of source text.
 *
 * @param start offset of the first character (UTF-16 index into the text)
 * @param end offset just past the last character; equal to {@code start} for a point
 * @param line 1-based line of {@code start}
 * @param column 1-based column of {@code start}, counted in code points
 */
public record Span(int start, int end, int line, int column) {

  public Span {
    if (start < 0 || end < start || line < 1 || column < 1) {
      throw new IllegalArgumentException(
          "bad span " + start + ".." + end + " at " + line + ":" + column);
    }
  }

  /** Number of characters covered. */
  public int length() {
    return end - start;
  }

  /** {@code line:column}. */
  @Override
  public String toString() {
    return line + ":" + column;
  }
}
