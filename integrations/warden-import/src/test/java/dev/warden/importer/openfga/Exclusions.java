package dev.warden.importer.openfga;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The checked-in list of conformance assertions Warden is known not to pass, {@code
 * conformance/exclusions.txt}: {@code <dynamic test name> | <reason>} a line, {@code #} comments.
 * Several suites share the file; a reader keeps only the lines of its own name prefixes.
 */
final class Exclusions {
  private Exclusions() {}

  static Map<String, String> load(List<String> prefixes) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String raw : text().split("\n", -1)) {
      String line = raw.strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      int bar = line.indexOf(" | ");
      if (bar < 0) {
        throw new AssertionError("exclusions.txt: no ` | ` between name and reason in: " + line);
      }
      String name = line.substring(0, bar).strip();
      if (prefixes.stream().anyMatch(name::startsWith)
          && out.put(name, line.substring(bar + 3).strip()) != null) {
        throw new AssertionError("exclusions.txt lists " + name + " twice");
      }
    }
    return out;
  }

  private static String text() {
    try (InputStream in = Exclusions.class.getResourceAsStream("/conformance/exclusions.txt")) {
      if (in == null) {
        throw new AssertionError("conformance/exclusions.txt is missing from the test resources");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
