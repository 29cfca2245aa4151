package dev.warden.lang;

/**
 * A {@code #} comment, kept for the formatter.
 *
 * @param text from the {@code #} to the end of the line, trailing whitespace removed
 * @param span where it stands
 */
record Comment(String text, Span span) {}
