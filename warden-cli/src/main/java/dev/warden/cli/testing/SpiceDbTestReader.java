package dev.warden.cli.testing;

import static dev.warden.cli.testing.ForeignFiles.error;
import static dev.warden.cli.testing.ForeignFiles.items;
import static dev.warden.cli.testing.ForeignFiles.mapping;
import static dev.warden.cli.testing.ForeignFiles.text;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.cli.io.DataRecord;
import dev.warden.importer.ImportResult;
import dev.warden.importer.TypeNames;
import dev.warden.importer.spicedb.SpiceDbRelationships;
import dev.warden.importer.spicedb.SpiceDbSchemaImporter;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads SpiceDB validation files ({@code zed validate}): the schema through {@link
 * SpiceDbSchemaImporter}, the relationships through {@link SpiceDbRelationships}, {@code
 * assertions} ({@code assertTrue}, {@code assertFalse}, {@code assertCaveated}, each optionally
 * {@code with {json context}}) as checks, and {@code validation} (expected relations) as subject
 * lookups, one test each. A file is SpiceDB's when its top level has {@code schema} or {@code
 * schemaFile}.
 */
public final class SpiceDbTestReader implements TestSuiteReader {

  private static final Set<String> TOP =
      Set.of("schema", "schemaFile", "relationships", "assertions", "validation");
  private static final Set<String> KINDS = Set.of("assertTrue", "assertFalse", "assertCaveated");

  @Override
  public boolean reads(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    return !OpenFgaTestReader.named(file) && (name.endsWith(".yaml") || name.endsWith(".yml"));
  }

  @Override
  public boolean accepts(Set<String> topLevelKeys) {
    return topLevelKeys.contains("schema") || topLevelKeys.contains("schemaFile");
  }

  @Override
  public TestSuite read(Path file) {
    String text = ForeignFiles.readFile(file);
    YamlNode.Mapping top = mapping(YamlNode.parse(file, text), "a SpiceDB validation file");
    ForeignFiles.onlyKeys(
        top,
        "a SpiceDB validation file",
        TOP,
        "schema or schemaFile, relationships, assertions, validation");
    ImportResult schema = schema(file, text, top);
    List<Fixture> fixtures = relationships(file, text, top);
    List<TestCase> tests = new ArrayList<>();
    YamlNode assertions = top.values().get("assertions");
    if (assertions != null && !(assertions instanceof YamlNode.Scalar s && s.value() == null)) {
      tests.add(
          new TestCase("assertions", top.keys().get("assertions"), List.of(), checks(assertions)));
    }
    YamlNode validation = top.values().get("validation");
    if (validation != null && !(validation instanceof YamlNode.Scalar s && s.value() == null)) {
      tests.add(
          new TestCase(
              "validation", top.keys().get("validation"), List.of(), validation(validation)));
    }
    tests.removeIf(t -> t.assertions().isEmpty());
    if (tests.isEmpty()) {
      throw error(top.at(), "a SpiceDB validation file needs `assertions` or `validation` to test");
    }
    return new TestSuite(
        file, file + " (imported schema)", PolicyRenderer.render(schema.policy()), fixtures, tests);
  }

  private static ImportResult schema(Path file, String text, YamlNode.Mapping top) {
    YamlNode inline = top.values().get("schema");
    YamlNode ref = top.values().get("schemaFile");
    if ((inline == null) == (ref == null)) {
      throw error(
          top.at(), "a SpiceDB validation file needs `schema` or `schemaFile`, one of them");
    }
    ForeignFiles.Embedded schema =
        inline != null
            ? ForeignFiles.embedded(file, text, inline.at(), text(inline, "`schema`"), "schema")
            : ForeignFiles.referenced(file.resolveSibling(text(ref, "`schemaFile`")));
    ImportResult r = SpiceDbSchemaImporter.importSchema(schema.source());
    if (!r.ok()) {
      Location at = top.keys().get(inline != null ? "schema" : "schemaFile");
      throw ForeignFiles.refused(
          at, "the SpiceDB schema was not imported", schema.render(r.diagnostics()));
    }
    return r;
  }

  /** One fixture per relationship line, located at it; every bad line is reported. */
  private static List<Fixture> relationships(Path file, String text, YamlNode.Mapping top) {
    YamlNode node = top.values().get("relationships");
    if (node == null || (node instanceof YamlNode.Scalar s && s.value() == null)) {
      return List.of();
    }
    ForeignFiles.Embedded block =
        ForeignFiles.embedded(
            file, text, node.at(), text(node, "`relationships`"), "relationships");
    boolean inFile = block.shown().name().equals(file.toString());
    List<Fixture> out = new ArrayList<>();
    List<String> refused = new ArrayList<>();
    String[] lines = block.text().split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      SpiceDbRelationships.Result r =
          SpiceDbRelationships.parse(new SourceFile(block.shown().name(), lines[i]));
      ForeignFiles.Embedded here =
          new ForeignFiles.Embedded(lines[i], block.lines() + i, block.columns(), block.shown());
      if (!r.ok()) {
        refused.addAll(here.render(r.diagnostics()));
        continue;
      }
      Location at =
          inFile ? new Location(file, block.lines() + i + 1, block.columns() + 1) : node.at();
      r.grants().forEach(g -> out.add(new Fixture(at, new DataRecord.GrantRecord(g))));
    }
    if (!refused.isEmpty()) {
      throw ForeignFiles.refused(
          top.keys().get("relationships"), "the relationships were not imported", refused);
    }
    return out;
  }

  private static List<Assertion> checks(YamlNode node) {
    YamlNode.Mapping m = mapping(node, "`assertions`");
    ForeignFiles.onlyKeys(m, "`assertions`", KINDS, "assertTrue, assertFalse, assertCaveated");
    List<Assertion> out = new ArrayList<>();
    for (String kind : List.of("assertTrue", "assertFalse", "assertCaveated")) {
      for (YamlNode item : items(m.values().get(kind), "`" + kind + "`")) {
        out.add(check(kind, item));
      }
    }
    return out;
  }

  private static Assertion check(String kind, YamlNode item) {
    Location at = item.at();
    String written = text(item, "an assertion");
    String relationship = written;
    Map<String, Object> context = Map.of();
    int with = written.indexOf(" with ");
    if (with >= 0) {
      relationship = written.substring(0, with).strip();
      context = ForeignFiles.context(YamlNode.parse(at.file(), written.substring(with + 6)));
    }
    int hash = relationship.indexOf('#');
    int atSign = relationship.indexOf('@');
    if (hash < 0 || atSign < hash) {
      throw error(
          at, "`" + written + "` is not a relationship; write `resource:id#permission@subject:id`");
    }
    EntityRef resource = entity(at, relationship.substring(0, hash));
    String permission = relationship.substring(hash + 1, atSign);
    String subject = subject(relationship.substring(atSign + 1));
    CheckRequest request =
        CheckRequest.builder(subjectRef(at, subject), permission, resource)
            .context(context)
            .build();
    return switch (kind) {
      case "assertTrue" -> new Assertion.Check(at, request, true);
      case "assertFalse" -> new Assertion.Check(at, request, false);
      default -> new Assertion.Conditional(at, request);
    };
  }

  /**
   * Each {@code resource#permission: [ "[subject] is <...>" ]} entry as lookups of its subjects,
   * one per subject type it names.
   */
  private static List<Assertion> validation(YamlNode node) {
    YamlNode.Mapping m = mapping(node, "`validation`");
    List<Assertion> out = new ArrayList<>();
    for (Map.Entry<String, YamlNode> e : m.values().entrySet()) {
      Location at = m.keys().get(e.getKey());
      String key = e.getKey();
      int hash = key.indexOf('#');
      if (hash < 0) {
        throw error(at, "`" + key + "` is not `resource:id#permission`");
      }
      EntityRef resource = entity(at, key.substring(0, hash));
      String permission = key.substring(hash + 1);
      Map<String, List<String>> byType = new LinkedHashMap<>();
      String reason = null;
      for (YamlNode line : items(e.getValue(), "an expected relation list")) {
        String subject = expectedSubject(line);
        String why =
            subject.endsWith("]")
                ? "a caveated subject (`" + subject + "`): Warden lists subjects without conditions"
                : subject.indexOf('#') >= 0 ? unsupportedSubject(subject) : null;
        if (why != null) {
          reason = reason == null ? why : reason;
          continue;
        }
        int colon = subject.indexOf(':');
        if (colon <= 0) {
          throw error(line.at(), "`" + subject + "` is not `type:id`");
        }
        byType
            .computeIfAbsent(subject.substring(0, colon), t -> new ArrayList<>())
            .add(subject.substring(colon + 1));
      }
      String written = "validation " + key;
      if (reason != null) {
        out.add(new Assertion.Unsupported(at, written, reason));
        continue;
      }
      if (byType.isEmpty()) {
        out.add(
            new Assertion.Unsupported(
                at, written, "an empty list names no subject type for Warden to look up"));
      }
      for (Map.Entry<String, List<String>> t : byType.entrySet()) {
        LookupSubjectsRequest request =
            LookupSubjectsRequest.of(permission, resource, wardenType(at, t.getKey()));
        out.add(new Assertion.LookupSubjects(at, request, t.getValue(), true));
      }
    }
    return out;
  }

  /** The subject of {@code [user:tom] is <document:1#viewer>}, wildcard and caveat kept. */
  private static String expectedSubject(YamlNode line) {
    String text = text(line, "an expected relation").strip();
    int end = text.indexOf("] is ");
    if (!text.startsWith("[") || (end < 0 && !text.endsWith("]"))) {
      throw error(
          line.at(),
          "`"
              + text
              + "` is not an expected relation; write `[subject:id] is <resource:id#relation>`");
    }
    return subject(text.substring(1, end < 0 ? text.length() - 1 : end));
  }

  /** A subject with SpiceDB's {@code #...} (the object itself) dropped. */
  private static String subject(String text) {
    return text.endsWith("#...") ? text.substring(0, text.length() - 4) : text;
  }

  private static String unsupportedSubject(String subject) {
    return "a userset (`" + subject + "`) in a validation entry: its lookup lists entities";
  }

  /** A check's subject: {@code user:anne}, a userset {@code group:eng#member} or {@code user:*}. */
  private static SubjectRef subjectRef(Location at, String text) {
    int hash = text.indexOf('#');
    if (hash < 0 && text.endsWith(":*")) {
      return SubjectRef.wildcard(wardenType(at, text.substring(0, text.length() - 2)));
    }
    EntityRef e = entity(at, hash < 0 ? text : text.substring(0, hash));
    try {
      return hash < 0
          ? SubjectRef.of(e)
          : SubjectRef.userset(e.type(), e.id(), text.substring(hash + 1));
    } catch (WardenException e2) {
      throw error(at, e2.getMessage());
    }
  }

  private static EntityRef entity(Location at, String text) {
    int colon = text.indexOf(':');
    if (colon <= 0) {
      throw error(at, "`" + text + "` is not `type:id`");
    }
    try {
      return EntityRef.of(wardenType(at, text.substring(0, colon)), text.substring(colon + 1));
    } catch (WardenException | IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private static String wardenType(Location at, String type) {
    if (!TypeNames.importableType(type)) {
      throw error(at, "type name `" + type + "` has no Warden spelling");
    }
    return TypeNames.toWarden(type);
  }
}
