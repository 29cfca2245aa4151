package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.importer.spicedb.SpiceDbSchemaImporter;
import dev.warden.lang.SourceFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@code warden test} over SpiceDB's own validation files (the shared conformance copy) agrees with
 * the import module's SpiceDbValidationConformanceTest: for every file whose schema imports as
 * written, the assertions that pass through the CLI are as many as that test's assertions minus the
 * ones its exclusion list (which it keeps exact) names for the file.
 */
class SpiceDbConformanceAgreementTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final List<String> KINDS = List.of("assertTrue", "assertFalse", "assertCaveated");

  @Test
  void passCountsAgreeWithTheConformanceRunner(@TempDir Path dir) throws Exception {
    Path configs =
        find("shared/conformance/spicedb/internal/services/integrationtesting/testconfigs");
    Path exclusions =
        find("integrations/warden-import/src/test/resources/conformance/exclusions.txt");
    List<String> excluded =
        Files.readAllLines(exclusions).stream().filter(l -> l.startsWith("spicedb/")).toList();
    Map<String, String> want = new TreeMap<>();
    Map<String, String> got = new TreeMap<>();
    List<Path> files;
    try (Stream<Path> s = Files.list(configs)) {
      files = s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
    int imported = 0;
    for (Path file : files) {
      JsonNode doc = YAML.readTree(file.toFile());
      String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
      if (!SpiceDbSchemaImporter.importSchema(
              new SourceFile(name + ".zed", doc.path("schema").asText()))
          .ok()) {
        continue;
      }
      imported++;
      int all = 0;
      for (String kind : KINDS) {
        all += doc.path("assertions").path(kind).size();
      }
      long failing = excluded.stream().filter(l -> l.startsWith("spicedb/" + name + "/")).count();
      want.put(name, (all - failing) + " of " + all);
      got.put(name, cliPasses(file, dir.resolve(name + ".xml")) + " of " + all);
    }
    assertThat(imported).as("validation files whose schema imports").isGreaterThan(10);
    System.out.println("spicedb validation files through warden test (passed of asserted): " + got);
    assertThat(got).isEqualTo(want);
  }

  /** The assertions (not validation entries) that passed, read from the JUnit report. */
  private static long cliPasses(Path file, Path report) throws Exception {
    CliRun r = CliRun.of("test", file.toString(), "--junit", report.toString());
    assertThat(r.status()).as(file + ": " + r.err()).isIn(0, 1, 2);
    Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(report.toFile());
    NodeList cases = doc.getElementsByTagName("testcase");
    long passed = 0;
    for (int i = 0; i < cases.getLength(); i++) {
      Element tc = (Element) cases.item(i);
      if (tc.getAttribute("name").startsWith("assertions: ")
          && tc.getElementsByTagName("failure").getLength() == 0) {
        passed++;
      }
    }
    return passed;
  }

  /** {@code relative} in the nearest parent directory that has it; its absence fails. */
  private static Path find(String relative) throws IOException {
    List<Path> tried = new ArrayList<>();
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve(relative);
      if (Files.exists(c)) {
        return c;
      }
      tried.add(c);
    }
    throw new IOException(relative + " not found; looked in " + tried);
  }
}
