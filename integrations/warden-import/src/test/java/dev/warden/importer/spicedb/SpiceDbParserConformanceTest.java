package dev.warden.importer.spicedb;

import dev.warden.importer.Conformance;
import dev.warden.importer.ImportDiagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SpiceDB's parser inputs (pkg/schemadsl/parser/tests/*.zed): an input whose expected tree has an
 * error node is malformed, and Warden's parser must refuse exactly those. Each input is a dynamic
 * test {@code spicedb/parser/<file>}; the differences are listed in exclusions.txt like the
 * validation files' (an excluded one that agrees fails with "fixed: remove it").
 */
class SpiceDbParserConformanceTest {

  @TestFactory
  Stream<DynamicTest> parserInputs() throws IOException {
    Map<String, String> excluded = SpiceDbValidationConformanceTest.exclusions();
    Path dir = Conformance.root().resolve("spicedb/pkg/schemadsl/parser/tests");
    List<Path> inputs;
    try (Stream<Path> s = Files.list(dir)) {
      inputs = s.filter(p -> p.getFileName().toString().endsWith(".zed")).sorted().toList();
    }
    List<DynamicTest> tests = new ArrayList<>();
    int agree = 0;
    for (Path zed : inputs) {
      String file = zed.getFileName().toString();
      String name = "spicedb/parser/" + file.replaceFirst("\\.zed$", "");
      boolean malformed =
          Files.readString(dir.resolve(file + ".expected"), StandardCharsets.UTF_8)
              .contains("NodeTypeError");
      List<ImportDiagnostic> found = new ArrayList<>();
      SdbParser.parse(Files.readString(zed, StandardCharsets.UTF_8), found);
      boolean refused = !found.isEmpty();
      String failure =
          malformed == refused
              ? null
              : malformed
                  ? "malformed in SpiceDB, but Warden's parser accepts it"
                  : "well-formed in SpiceDB, but Warden's parser refuses it: "
                      + found.get(0).code()
                      + " "
                      + found.get(0).span()
                      + " "
                      + found.get(0).message();
      if (failure == null) {
        agree++;
      } else if (!excluded.containsKey(name)) {
        System.out.println("UNLISTED " + name + " | " + failure);
      }
      String reason = excluded.get(name);
      tests.add(
          DynamicTest.dynamicTest(
              name,
              () -> {
                if (reason != null && failure == null) {
                  throw new AssertionError(name + " agrees now: fixed: remove it");
                }
                if (reason == null && failure != null) {
                  throw new AssertionError(name + ": " + failure);
                }
              }));
    }
    System.out.println("spicedb parser conformance: " + agree + "/" + inputs.size() + " agree");
    return tests.stream();
  }
}
