package dev.warden.cli.testing;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.WardenException;
import dev.warden.cli.io.DataFileReader;
import dev.warden.cli.io.DataRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Walks the tokens of one Warden test file. Streaming rather than reading a tree keeps every key's
 * line and column at hand, so an unknown key or a bad value is reported where it was written.
 */
final class SuiteParser {

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final Path file;
  private final JsonParser p;

  SuiteParser(Path file, JsonParser p) {
    this.file = file;
    this.p = p;
  }

  /** The handler of one field; the parser is on the field's value and must consume it. */
  private interface FieldHandler {
    void field(String name, Location key) throws IOException;
  }

  /** The handler of one list item; the parser is on the item's first token. */
  private interface ItemHandler {
    void item(Location at) throws IOException;
  }

  TestSuite suite() throws IOException {
    if (p.nextToken() == null) {
      throw error(here(), "the file is empty; expected `policy` or `policy_file`, and `tests`");
    }
    Location start = here();
    String[] policy = new String[2];
    List<Fixture> fixtures = new ArrayList<>();
    List<TestCase> tests = new ArrayList<>();
    fields(
        "a test file",
        (name, key) -> {
          switch (name) {
            case "policy" -> {
              Location at = here();
              String[] inline = inlinePolicy(at, text(name));
              setPolicy(policy, key, inline[0], inline[1]);
            }
            case "policy_file" -> {
              Path f = resolve(text(name));
              setPolicy(policy, key, f.toString(), readPolicy(f, key));
            }
            case "data" -> dataFiles(fixtures);
            case "grants" -> grants(fixtures);
            case "attributes" -> attributes(fixtures);
            case "tests" -> items(name, at -> tests.add(test(at)));
            default ->
                throw unknown(key, name, "policy, policy_file, data, grants, attributes, tests");
          }
        });
    if (policy[0] == null) {
      throw error(start, "a test file needs `policy` (the source) or `policy_file` (a path)");
    }
    if (tests.isEmpty()) {
      throw error(start, "a test file needs `tests`, a list of at least one test");
    }
    return new TestSuite(file, policy[0], policy[1], fixtures, tests);
  }

  private void setPolicy(String[] policy, Location key, String name, String source) {
    if (policy[0] != null) {
      throw error(key, "give either `policy` or `policy_file`, once");
    }
    policy[0] = name;
    policy[1] = source;
  }

  /**
   * The name and source an inline policy compiles under. A YAML literal block ({@code policy: |})
   * is shifted back to where it stands in the test file, so its diagnostics point at the test
   * file's own lines and columns; any other scalar is named {@code FILE (policy)}.
   */
  private String[] inlinePolicy(Location at, String source) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (IOException e) {
      lines = List.of();
    }
    String indicator = at.line() <= lines.size() ? lines.get(at.line() - 1) : "";
    int col = at.column() - 1;
    if (col >= indicator.length() || indicator.charAt(col) != '|') {
      return new String[] {file + " (policy)", source};
    }
    String indent =
        lines.stream()
            .skip(at.line())
            .filter(l -> !l.isBlank())
            .findFirst()
            .map(l -> l.substring(0, l.length() - l.stripLeading().length()))
            .orElse("");
    StringBuilder shifted = new StringBuilder("\n".repeat(at.line()));
    source.lines().forEach(l -> shifted.append(l.isEmpty() ? "" : indent).append(l).append('\n'));
    return new String[] {file.toString(), shifted.toString()};
  }

  private Path resolve(String relative) {
    Path dir = file.toAbsolutePath().getParent();
    Path resolved = dir == null ? Path.of(relative) : dir.resolve(relative);
    // Shown in messages as the user would type it, relative to where the command runs.
    Path here = Path.of("").toAbsolutePath();
    return resolved.startsWith(here) ? here.relativize(resolved) : resolved;
  }

  private String readPolicy(Path policyFile, Location key) {
    try {
      return Files.readString(policyFile);
    } catch (NoSuchFileException e) {
      throw error(key, "cannot read policy `" + policyFile + "`: no such file");
    } catch (IOException e) {
      throw error(key, "cannot read policy `" + policyFile + "`: " + e.getMessage());
    }
  }

  private void dataFiles(List<Fixture> fixtures) throws IOException {
    items(
        "data",
        at -> {
          Path data = resolve(text("data"));
          if (!Files.isRegularFile(data)) {
            throw error(at, "cannot read data file `" + data + "`: no such file");
          }
          DataFileReader.read(data, r -> fixtures.add(new Fixture(at, r)));
        });
  }

  private void grants(List<Fixture> fixtures) throws IOException {
    items(
        "grants",
        at -> {
          JsonLocation loc = p.currentTokenLocation();
          fixtures.add(new Fixture(at, DataFileReader.grant(file, loc, p.readValueAsTree())));
        });
  }

  private void attributes(List<Fixture> fixtures) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(JsonToken.START_OBJECT, "`attributes` must map entities to attribute maps");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonLocation loc = p.currentTokenLocation();
      Location at = here();
      JsonNode entity = mapper().getNodeFactory().textNode(p.currentName());
      p.nextToken();
      JsonNode values = p.readValueAsTree();
      fixtures.add(new Fixture(at, DataFileReader.attributes(file, loc, entity, values)));
    }
  }

  private TestCase test(Location at) throws IOException {
    String[] name = new String[1];
    List<Fixture> fixtures = new ArrayList<>();
    List<Assertion> assertions = new ArrayList<>();
    fields(
        "a test",
        (field, key) -> {
          switch (field) {
            case "name" -> name[0] = text(field);
            case "grants" -> grants(fixtures);
            case "attributes" -> attributes(fixtures);
            case "check" -> items(field, a -> assertions.add(check(a)));
            case "lookup_resources" -> items(field, a -> assertions.add(lookupResources(a)));
            case "lookup_subjects" -> items(field, a -> assertions.add(lookupSubjects(a)));
            default ->
                throw unknown(
                    key,
                    field,
                    "name, grants, attributes, check, lookup_resources, lookup_subjects");
          }
        });
    if (name[0] == null) {
      throw error(at, "a test needs a `name`");
    }
    if (assertions.isEmpty()) {
      throw error(
          at,
          "test `"
              + name[0]
              + "` asserts nothing; give `check`, `lookup_resources` or `lookup_subjects`");
    }
    return new TestCase(name[0], at, fixtures, assertions);
  }

  private Assertion check(Location at) throws IOException {
    Map<String, Object> v = new LinkedHashMap<>();
    fields(
        "a check",
        (field, key) -> {
          switch (field) {
            case "actor", "action", "resource" -> v.put(field, text(field));
            case "allowed" -> v.put(field, bool(field));
            case "context" -> v.put(field, map(field));
            case "contextual_grants" -> v.put(field, contextualGrants());
            default ->
                throw unknown(
                    key, field, "actor, action, resource, context, contextual_grants, allowed");
          }
        });
    require(at, "check", v, "actor", "action", "resource", "allowed");
    try {
      CheckRequest.Builder b =
          CheckRequest.builder(
                  EntityRef.parse((String) v.get("actor")),
                  (String) v.get("action"),
                  EntityRef.parse((String) v.get("resource")))
              .context(context(v));
      grantsOf(v).forEach(b::contextualGrant);
      return new Assertion.Check(at, b.build(), (Boolean) v.get("allowed"));
    } catch (WardenException | IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private Assertion lookupResources(Location at) throws IOException {
    Map<String, Object> v = new LinkedHashMap<>();
    fields(
        "a lookup_resources",
        (field, key) -> {
          switch (field) {
            case "actor", "action", "resource_type" -> v.put(field, text(field));
            case "expect" -> v.put(field, strings(field));
            case "context" -> v.put(field, map(field));
            case "contextual_grants" -> v.put(field, contextualGrants());
            default ->
                throw unknown(
                    key, field, "actor, action, resource_type, context, contextual_grants, expect");
          }
        });
    require(at, "lookup_resources", v, "actor", "action", "resource_type", "expect");
    try {
      LookupResourcesRequest request =
          LookupResourcesRequest.of(
                  EntityRef.parse((String) v.get("actor")),
                  (String) v.get("action"),
                  (String) v.get("resource_type"))
              .with(Map.of(), context(v), grantsOf(v));
      return new Assertion.LookupResources(at, request, stringsOf(v));
    } catch (WardenException | IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private Assertion lookupSubjects(Location at) throws IOException {
    Map<String, Object> v = new LinkedHashMap<>();
    fields(
        "a lookup_subjects",
        (field, key) -> {
          switch (field) {
            case "resource", "action", "subject_type" -> v.put(field, text(field));
            case "expect" -> v.put(field, strings(field));
            case "context" -> v.put(field, map(field));
            case "contextual_grants" -> v.put(field, contextualGrants());
            default ->
                throw unknown(
                    key,
                    field,
                    "resource, action, subject_type, context, contextual_grants, expect");
          }
        });
    require(at, "lookup_subjects", v, "resource", "action", "subject_type", "expect");
    try {
      EntityRef resource = EntityRef.parse((String) v.get("resource"));
      LookupSubjectsRequest request =
          new LookupSubjectsRequest(
              (String) v.get("action"),
              resource.type(),
              resource.id(),
              null,
              (String) v.get("subject_type"),
              context(v),
              grantsOf(v),
              Consistency.latest());
      return new Assertion.LookupSubjects(at, request, stringsOf(v));
    } catch (WardenException | IllegalArgumentException e) {
      throw error(at, e.getMessage());
    }
  }

  private List<Grant> contextualGrants() throws IOException {
    List<Grant> grants = new ArrayList<>();
    items(
        "contextual_grants",
        at -> {
          JsonLocation loc = p.currentTokenLocation();
          DataRecord r = DataFileReader.grant(file, loc, p.readValueAsTree());
          grants.add(((DataRecord.GrantRecord) r).grant());
        });
    return grants;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> context(Map<String, Object> v) {
    return (Map<String, Object>) v.getOrDefault("context", Map.of());
  }

  @SuppressWarnings("unchecked")
  private static List<Grant> grantsOf(Map<String, Object> v) {
    return (List<Grant>) v.getOrDefault("contextual_grants", List.of());
  }

  @SuppressWarnings("unchecked")
  private static List<String> stringsOf(Map<String, Object> v) {
    return (List<String>) v.get("expect");
  }

  private void require(Location at, String what, Map<String, Object> v, String... keys) {
    for (String k : keys) {
      if (!v.containsKey(k)) {
        throw error(at, "`" + what + "` needs `" + k + "`");
      }
    }
  }

  // ---- token-level helpers: each starts on a value's first token and consumes the value ----

  private void fields(String what, FieldHandler handler) throws IOException {
    expect(JsonToken.START_OBJECT, what + " must be an object");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      Location key = here();
      String name = p.currentName();
      p.nextToken();
      handler.field(name, key);
    }
  }

  private void items(String what, ItemHandler handler) throws IOException {
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return;
    }
    expect(JsonToken.START_ARRAY, "`" + what + "` must be a list");
    while (p.nextToken() != JsonToken.END_ARRAY) {
      handler.item(here());
    }
  }

  private String text(String what) throws IOException {
    if (p.currentToken() != JsonToken.VALUE_STRING) {
      throw error(here(), "`" + what + "` must be a string");
    }
    return p.getText();
  }

  private boolean bool(String what) {
    JsonToken t = p.currentToken();
    if (t != JsonToken.VALUE_TRUE && t != JsonToken.VALUE_FALSE) {
      throw error(here(), "`" + what + "` must be true or false");
    }
    return t == JsonToken.VALUE_TRUE;
  }

  private Map<String, Object> map(String what) throws IOException {
    expect(JsonToken.START_OBJECT, "`" + what + "` must be an object");
    return mapper().convertValue(p.readValueAsTree(), MAP);
  }

  private List<String> strings(String what) throws IOException {
    List<String> out = new ArrayList<>();
    items(
        what,
        at -> {
          if (p.currentToken() != JsonToken.VALUE_STRING) {
            throw error(at, "`" + what + "` must be a list of ids");
          }
          out.add(p.getText());
        });
    return out;
  }

  private ObjectMapper mapper() {
    return (ObjectMapper) p.getCodec();
  }

  private void expect(JsonToken token, String message) {
    if (p.currentToken() != token) {
      throw error(here(), message);
    }
  }

  private Location here() {
    JsonLocation at = p.currentTokenLocation();
    return new Location(file, at.getLineNr(), at.getColumnNr());
  }

  private static WardenException unknown(Location key, String name, String expected) {
    return error(key, "unknown key `" + name + "`; expected one of " + expected);
  }

  private static WardenException error(Location at, String message) {
    return WardenException.invalid(at + ": " + message);
  }
}
