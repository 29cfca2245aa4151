package dev.warden.cli.testing;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where something was written in a test file, so a failure or an error points at its line.
 *
 * @param file the test file
 * @param line 1-based line
 * @param column 1-based column
 */
public record Location(Path file, int line, int column) {

  public Location {
    Objects.requireNonNull(file, "file");
  }

  /** {@code file:line}, how failures are reported. */
  public String fileLine() {
    return file + ":" + line;
  }

  /** {@code file:line:column}, how malformed input is reported. */
  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }
}
