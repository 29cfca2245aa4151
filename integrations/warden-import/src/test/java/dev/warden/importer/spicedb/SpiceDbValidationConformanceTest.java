package dev.warden.importer.spicedb;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.SubjectRef;
import dev.warden.api.WriteBatch;
import dev.warden.importer.Conformance;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.ImportResult;
import dev.warden.importer.TypeNames;
import dev.warden.lang.SourceFile;
import dev.warden.store.memory.MemoryStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * SpiceDB's validation files (internal/services/integrationtesting/testconfigs): each file's schema
 * is imported, its relationships written, and each assertion is one dynamic test named {@code
 * spicedb/<file>/<kind>/<j>}. The {@code spicedb/} lines of conformance/exclusions.txt list exactly
 * the assertions Warden does not pass, each with its reason: an excluded one that passes fails
 * ("fixed: remove it"), an unlisted one that fails fails with its details.
 *
 * <p>Warden has no namespaced names, so the importer refuses {@code test/user} (SDB203). So that
 * the many files that use a namespace only for form still test what they are about, this test
 * strips namespace prefixes from type names in the schema, relationships and assertions before
 * importing ({@link #unprefix}); two types that then collide are refused as duplicates (SDB206),
 * and the importer's own refusal of {@code /} is tested in SpiceDbSchemaImporterTest.
 *
 * <p>{@code assertCaveated} ("holds only with more context") is read as: the check without the
 * missing context is denied, and its explanation names a missing parameter.
 */
class SpiceDbValidationConformanceTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private static final ObjectMapper JSON = new ObjectMapper();

  /** {@code test/} before a name, outside ids (schemas have none). */
  private static final Pattern SCHEMA_PREFIX = Pattern.compile("\\b(?:[a-z][a-z0-9_]*/)+(?=[a-z])");

  /** {@code test/} at a line start or after {@code @}: where relationship types begin. */
  private static final Pattern LINE_PREFIX =
      Pattern.compile("(?m)(^\\s*|@)(?:[a-z][a-z0-9_]*/)+(?=[a-z][a-z0-9_]*:)");

  private static final List<String> KINDS = List.of("assertTrue", "assertFalse", "assertCaveated");

  /** Null when the assertion holds in Warden, else why not. */
  private record Outcome(String name, String kind, String failure) {}

  @TestFactory
  Stream<DynamicTest> validationFiles() throws IOException {
    Map<String, String> excluded = exclusions();
    List<Outcome> outcomes = new ArrayList<>();
    Map<String, Integer> schemas = new TreeMap<>();
    for (Path file : files()) {
      runFile(file, outcomes, schemas);
    }
    report(outcomes, schemas, excluded);
    List<DynamicTest> tests = new ArrayList<>();
    for (Outcome o : outcomes) {
      String reason = excluded.get(o.name());
      tests.add(
          DynamicTest.dynamicTest(
              o.name(),
              () -> {
                if (reason != null && o.failure() == null) {
                  throw new AssertionError(
                      o.name()
                          + " passes now (excluded: "
                          + reason
                          + "): fixed: remove it from exclusions.txt");
                }
                if (reason == null && o.failure() != null) {
                  throw new AssertionError(o.name() + ": " + o.failure());
                }
              }));
    }
    List<String> names = outcomes.stream().map(Outcome::name).toList();
    tests.add(
        DynamicTest.dynamicTest(
            "spicedb/exclusions name existing assertions",
            () -> {
              List<String> stale =
                  excluded.keySet().stream()
                      .filter(n -> !n.startsWith("spicedb/parser/") && !names.contains(n))
                      .toList();
              if (!stale.isEmpty()) {
                throw new AssertionError("stale exclusions: " + stale);
              }
            }));
    return tests.stream();
  }

  private static void runFile(Path file, List<Outcome> out, Map<String, Integer> schemas)
      throws IOException {
    String name = file.getFileName().toString().replaceFirst("\\.yaml$", "");
    JsonNode doc = YAML.readTree(file.toFile());
    ImportResult imported =
        SpiceDbSchemaImporter.importSchema(
            new SourceFile(
                name + ".zed", SCHEMA_PREFIX.matcher(doc.path("schema").asText()).replaceAll("")));
    String setupFailure = null;
    Warden w = null;
    if (!imported.ok()) {
      ImportDiagnostic d = imported.diagnostics().get(0);
      schemas.merge("refused " + d.code(), 1, Integer::sum);
      setupFailure = "schema refused: " + d.code() + " " + d.message();
    } else {
      schemas.merge("imported", 1, Integer::sum);
      Conformance.assertRoundTrips(name, imported.policy());
      SpiceDbRelationships.Result rels =
          SpiceDbRelationships.parse(
              new SourceFile(
                  name + ".relationships", unprefix(doc.path("relationships").asText(""))));
      if (!rels.ok()) {
        ImportDiagnostic d = rels.diagnostics().get(0);
        setupFailure = "relationships refused: " + d.code() + " " + d.message();
      } else {
        w =
            Warden.builder()
                .policy("start.warden", "actor Start {}")
                .store(new MemoryStore())
                .build();
        try {
          w.activateInStore(name + ".warden", imported.policy());
          if (!rels.grants().isEmpty()) {
            w.write(WriteBatch.touch(rels.grants()));
          }
        } catch (RuntimeException e) {
          setupFailure = "setup failed: " + e.getMessage();
        }
      }
    }
    try {
      JsonNode assertions = doc.path("assertions");
      for (String kind : KINDS) {
        int j = 0;
        for (JsonNode a : assertions.path(kind)) {
          String test = "spicedb/" + name + "/" + kind + "/" + j++;
          String failure =
              setupFailure != null ? setupFailure : assertion(w, kind, unprefix(a.asText()));
          out.add(new Outcome(test, kind, failure));
        }
      }
    } finally {
      if (w != null) {
        w.close();
      }
    }
  }

  /** Null when {@code text} holds as {@code kind} says, else why not. */
  private static String assertion(Warden w, String kind, String text) {
    String rel = text;
    Map<String, Object> context = Map.of();
    int with = text.indexOf(" with ");
    if (with >= 0) {
      rel = text.substring(0, with).strip();
      try {
        context =
            JSON.readValue(text.substring(with + 6), new TypeReference<Map<String, Object>>() {});
      } catch (IOException e) {
        return "bad context in `" + text + "`: " + e.getMessage();
      }
    }
    int hash = rel.indexOf('#');
    int at = rel.indexOf('@');
    EntityRef resource = entity(rel.substring(0, hash));
    String permission = rel.substring(hash + 1, at);
    String subject = rel.substring(at + 1);
    if (subject.endsWith("#...")) {
      subject = subject.substring(0, subject.length() - 4);
    }
    CheckRequest request =
        CheckRequest.builder(subject(subject), permission, resource).context(context).build();
    try {
      Decision d = w.check(request);
      return switch (kind) {
        case "assertTrue" -> d.allowed() ? null : "expected allow, Warden denies `" + text + "`";
        case "assertFalse" -> d.allowed() ? "expected deny, Warden allows `" + text + "`" : null;
        default -> caveated(w, request, d, text);
      };
    } catch (RuntimeException e) {
      return "check failed: " + e.getMessage();
    }
  }

  private static String caveated(Warden w, CheckRequest request, Decision d, String text) {
    if (d.allowed()) {
      return "expected conditional, Warden allows `" + text + "`";
    }
    String explained = w.explain(request).root().render();
    return explained.contains("missing")
        ? null
        : "expected conditional, Warden denies `" + text + "` with no missing parameter";
  }

  /** Drops namespace prefixes from the types of relationship lines ({@code test/user:x}). */
  static String unprefix(String relationships) {
    return LINE_PREFIX.matcher(relationships).replaceAll("$1");
  }

  /** {@code user:x}, {@code group:g#member} or {@code user:*} as a Warden subject. */
  private static SubjectRef subject(String spicedb) {
    int hash = spicedb.indexOf('#');
    if (hash >= 0) {
      EntityRef object = entity(spicedb.substring(0, hash));
      return SubjectRef.userset(object.type(), object.id(), spicedb.substring(hash + 1));
    }
    int colon = spicedb.indexOf(':');
    return spicedb.endsWith(":*")
        ? SubjectRef.wildcard(TypeNames.toWarden(spicedb.substring(0, colon)))
        : SubjectRef.of(entity(spicedb));
  }

  private static EntityRef entity(String spicedb) {
    int colon = spicedb.indexOf(':');
    return EntityRef.of(
        TypeNames.toWarden(spicedb.substring(0, colon)), spicedb.substring(colon + 1));
  }

  private static void report(
      List<Outcome> outcomes, Map<String, Integer> schemas, Map<String, String> excluded) {
    StringBuilder sb = new StringBuilder("spicedb validation conformance\n");
    for (String kind : KINDS) {
      long all = outcomes.stream().filter(o -> o.kind().equals(kind)).count();
      long pass =
          outcomes.stream().filter(o -> o.kind().equals(kind) && o.failure() == null).count();
      sb.append("  ").append(kind).append(": ").append(pass).append('/').append(all).append('\n');
    }
    sb.append("  schemas: ").append(schemas).append('\n');
    for (Outcome o : outcomes) {
      if (o.failure() != null && !excluded.containsKey(o.name())) {
        sb.append("UNLISTED ").append(o.name()).append(" | ").append(o.failure()).append('\n');
      }
    }
    System.out.print(sb);
  }

  private static List<Path> files() throws IOException {
    Path dir =
        Conformance.root().resolve("spicedb/internal/services/integrationtesting/testconfigs");
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
    }
  }

  /** The {@code spicedb/} lines of exclusions.txt: test name to reason. */
  static Map<String, String> exclusions() {
    Map<String, String> out = new LinkedHashMap<>();
    try (var in =
        SpiceDbValidationConformanceTest.class.getResourceAsStream("/conformance/exclusions.txt")) {
      if (in == null) {
        return out;
      }
      Iterator<String> lines =
          new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().iterator();
      while (lines.hasNext()) {
        String line = lines.next();
        if (line.startsWith("spicedb/")) {
          int bar = line.indexOf(" | ");
          out.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
