package dev.warden.importer.openfga;

import static org.junit.jupiter.api.Assertions.fail;

import dev.warden.importer.Conformance;
import dev.warden.importer.openfga.FgaSuiteRun.Outcome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every check, list-objects and list-users assertion of OpenFGA's consolidated 1.1 and ABAC test
 * files, run against Warden through the model importer and {@link OpenFgaTuples}: one dynamic test
 * each, named {@code consolidated/<test>/stage<i>/check/<j>}. The assertions Warden does not pass
 * are listed, with their reason, in {@code conformance/exclusions.txt}, and that list must be
 * exact: an excluded assertion still runs and fails once it passes, so the file shrinks as Warden
 * grows.
 *
 * <p>{@code -Dfga.exclusions.write=<file>} writes the current failures there in the file's format
 * (to regenerate the list; review the reasons before checking it in).
 */
class OpenFgaAssertionConformanceTest {

  private static final List<String> PREFIXES = List.of("consolidated/", "abac/");

  @TestFactory
  Stream<DynamicTest> openFgaAssertions() throws IOException {
    List<Outcome> outcomes = new ArrayList<>();
    outcomes.addAll(
        FgaSuiteRun.run(
            "consolidated",
            Conformance.yaml("openfga-openfga/assets/tests/consolidated_1_1_tests.yaml")
                .get("tests")));
    outcomes.addAll(
        FgaSuiteRun.run(
            "abac", Conformance.yaml("openfga-openfga/assets/tests/abac_tests.yaml").get("tests")));
    Map<String, String> excluded = Exclusions.load(PREFIXES);
    print(outcomes);
    String out = System.getProperty("fga.exclusions.write");
    if (out != null) {
      write(Path.of(out), outcomes);
    }
    Set<String> names = new HashSet<>();
    outcomes.forEach(o -> names.add(o.name()));
    Stream<DynamicTest> each =
        outcomes.stream()
            .map(o -> DynamicTest.dynamicTest(o.name(), () -> verify(o, excluded.get(o.name()))));
    DynamicTest stale =
        DynamicTest.dynamicTest(
            "exclusions name only assertions that exist",
            () -> {
              List<String> unknown =
                  excluded.keySet().stream().filter(n -> !names.contains(n)).toList();
              if (!unknown.isEmpty()) {
                fail("exclusions.txt names assertions that do not exist: " + unknown);
              }
            });
    return Stream.concat(each, Stream.of(stale));
  }

  private static void verify(Outcome o, String reason) {
    if (reason == null && o.failure() != null) {
      fail(o.failure() + " (not in exclusions.txt)");
    }
    if (reason != null && o.failure() == null) {
      fail("fixed: remove it from exclusions.txt (was: " + reason + ")");
    }
    if (reason != null && !category(reason).equals(category(o.failure()))) {
      fail("exclusions.txt says `" + reason + "` but now: " + o.failure());
    }
  }

  /** The reason's kind: the text before its first colon. */
  static String category(String reason) {
    int colon = reason.indexOf(':');
    return colon < 0 ? reason : reason.substring(0, colon);
  }

  private static void print(List<Outcome> outcomes) {
    Map<String, int[]> passed = new TreeMap<>();
    Map<String, Integer> reasons = new TreeMap<>();
    for (Outcome o : outcomes) {
      int[] c = passed.computeIfAbsent(o.suite() + " " + o.kind(), k -> new int[2]);
      c[1]++;
      if (o.failure() == null) {
        c[0]++;
      } else {
        reasons.merge(o.suite() + " " + category(o.failure()), 1, Integer::sum);
      }
    }
    System.out.println("OpenFGA assertion conformance (passed/total):");
    passed.forEach((k, c) -> System.out.println("  " + k + ": " + c[0] + "/" + c[1]));
    System.out.println("excluded by reason:");
    reasons.forEach((k, n) -> System.out.println("  " + k + ": " + n));
  }

  private static void write(Path file, List<Outcome> outcomes) throws IOException {
    List<String> lines = new ArrayList<>();
    if (Files.exists(file)) {
      for (String l : Files.readAllLines(file)) {
        if (!l.equals("# openfga") && PREFIXES.stream().noneMatch(l::startsWith)) {
          lines.add(l);
        }
      }
    }
    lines.add("# openfga");
    for (Outcome o : outcomes) {
      if (o.failure() != null) {
        lines.add(o.name() + " | " + o.failure().replace('\n', ' '));
      }
    }
    Files.write(file, lines);
  }
}
