package dev.warden.cli.testing;

import dev.warden.api.WardenException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads test files of one format into a {@link TestSuite}. Warden's own format is {@link
 * WardenTestReader}; OpenFGA's {@code *.fga.yaml} files ({@link OpenFgaTestReader}) and SpiceDB's
 * validation files ({@link SpiceDbTestReader}) are read through the model importers.
 */
public interface TestSuiteReader {

  /** True when this reader reads files named like {@code file}. */
  boolean reads(Path file);

  /**
   * True when a file this reader {@link #reads} by name is of its format, judged by the keys of its
   * top level: several formats share the {@code .yaml} ending.
   */
  default boolean accepts(Set<String> topLevelKeys) {
    return true;
  }

  /**
   * The suite in {@code file}.
   *
   * @throws WardenException when it is malformed, with its file, line and column
   */
  TestSuite read(Path file);

  /** The known readers, most specific first; the last takes any YAML or JSON file. */
  static List<TestSuiteReader> all() {
    return List.of(new OpenFgaTestReader(), new SpiceDbTestReader(), new WardenTestReader());
  }

  /**
   * The reader for {@code file}: the first of {@link #all} that reads its name, and when more than
   * one does, the first that accepts its top-level keys. A file whose keys none accepts is refused
   * here, naming what each format starts with; one that cannot be parsed goes to the last reader,
   * whose error says where.
   */
  static TestSuiteReader forFile(Path file) {
    List<TestSuiteReader> named = all().stream().filter(r -> r.reads(file)).toList();
    if (named.isEmpty()) {
      throw WardenException.invalid(
          "`" + file + "` is not a test file: expected .yaml, .yml or .json");
    }
    if (named.size() == 1) {
      return named.get(0);
    }
    YamlNode top;
    try {
      top = YamlNode.parse(file, ForeignFiles.readFile(file));
    } catch (RuntimeException e) {
      return named.get(named.size() - 1);
    }
    if (!(top instanceof YamlNode.Mapping m) || m.values().isEmpty()) {
      return named.get(named.size() - 1);
    }
    Set<String> keys = new LinkedHashSet<>(m.values().keySet());
    return named.stream()
        .filter(r -> r.accepts(keys))
        .findFirst()
        .orElseThrow(
            () ->
                WardenException.invalid(
                    m.at()
                        + ": not a test file Warden reads: a Warden test file has `policy` or"
                        + " `policy_file`, a SpiceDB validation file `schema` or `schemaFile`,"
                        + " and an OpenFGA test file is named `*.fga.yaml`"));
  }
}
