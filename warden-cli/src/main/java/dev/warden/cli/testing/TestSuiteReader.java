package dev.warden.cli.testing;

import dev.warden.api.WardenException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads test files of one format into a {@link TestSuite}. Warden's own format is {@link
 * WardenTestReader}; importers of other tools' test files (OpenFGA {@code *.fga.yaml}, SpiceDB
 * validation files) plug in as further readers.
 */
public interface TestSuiteReader {

  /** True when this reader reads files named like {@code file}. */
  boolean reads(Path file);

  /**
   * The suite in {@code file}.
   *
   * @throws WardenException when it is malformed, with its file, line and column
   */
  TestSuite read(Path file);

  /** The known readers, most specific first; the last takes any YAML or JSON file. */
  static List<TestSuiteReader> all() {
    return List.of(new WardenTestReader());
  }

  /** The reader for {@code file}: the first of {@link #all} that reads it. */
  static TestSuiteReader forFile(Path file) {
    return all().stream()
        .filter(r -> r.reads(file))
        .findFirst()
        .orElseThrow(
            () ->
                WardenException.invalid(
                    "`" + file + "` is not a test file: expected .yaml, .yml or .json"));
  }
}
