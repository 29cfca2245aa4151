package dev.warden.cli.testing;

import static dev.warden.cli.testing.ForeignFiles.error;
import static dev.warden.cli.testing.ForeignFiles.items;
import static dev.warden.cli.testing.ForeignFiles.mapping;
import static dev.warden.cli.testing.ForeignFiles.text;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.cli.io.DataRecord;
import dev.warden.importer.ImportResult;
import dev.warden.importer.TypeNames;
import dev.warden.importer.openfga.OpenFgaModelImporter;
import dev.warden.importer.openfga.OpenFgaTuples;
import dev.warden.importer.openfga.TupleImport;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads OpenFGA's {@code fga model test} files ({@code *.fga.yaml}): the model through {@link
 * OpenFgaModelImporter}, the tuples through {@link OpenFgaTuples}, and each test's {@code check},
 * {@code list_objects} and {@code list_users} expectations as Warden assertions, one per relation
 * (and per user, object and user filter); a user may be an entity, a userset or a wildcard. What
 * Warden cannot ask (a userset user filter in list_users) becomes an {@link Assertion.Unsupported},
 * which fails.
 */
public final class OpenFgaTestReader implements TestSuiteReader {

  private static final Set<String> TOP =
      Set.of("name", "model", "model_file", "tuples", "tuple_file", "tuple_files", "tests");
  private static final Set<String> TEST =
      Set.of(
          "name",
          "description",
          "tuples",
          "tuple_file",
          "tuple_files",
          "check",
          "list_objects",
          "list_users");

  @Override
  public boolean reads(Path file) {
    return named(file);
  }

  /** True for {@code *.fga.yaml} and {@code *.fga.yml}: OpenFGA's, whatever they hold. */
  static boolean named(Path file) {
    String name = String.valueOf(file.getFileName()).toLowerCase(Locale.ROOT);
    return name.endsWith(".fga.yaml") || name.endsWith(".fga.yml");
  }

  @Override
  public TestSuite read(Path file) {
    String text = ForeignFiles.readFile(file);
    YamlNode.Mapping top = mapping(YamlNode.parse(file, text), "an OpenFGA test file");
    ForeignFiles.onlyKeys(
        top, "an OpenFGA test file", TOP, String.join(", ", TOP.stream().sorted().toList()));
    Policy policy = model(file, text, top);
    List<Fixture> fixtures = tuples(file, top, policy);
    List<TestCase> tests = new ArrayList<>();
    for (YamlNode t :
        items(ForeignFiles.required(top, "tests", "an OpenFGA test file"), "`tests`")) {
      tests.add(test(file, mapping(t, "a test"), policy));
    }
    if (tests.isEmpty()) {
      throw error(top.at(), "an OpenFGA test file needs `tests`, a list of at least one test");
    }
    return new TestSuite(
        file, file + " (imported model)", PolicyRenderer.render(policy), fixtures, tests);
  }

  private static Policy model(Path file, String text, YamlNode.Mapping top) {
    YamlNode inline = top.values().get("model");
    YamlNode ref = top.values().get("model_file");
    if ((inline == null) == (ref == null)) {
      throw error(top.at(), "an OpenFGA test file needs `model` or `model_file`, one of them");
    }
    ForeignFiles.Embedded model =
        inline != null
            ? ForeignFiles.embedded(file, text, inline.at(), text(inline, "`model`"), "model")
            : ForeignFiles.referenced(resolve(file, text(ref, "`model_file`")));
    ImportResult r = OpenFgaModelImporter.importModel(model.source());
    if (!r.ok()) {
      Location at = top.keys().get(inline != null ? "model" : "model_file");
      throw ForeignFiles.refused(
          at, "the OpenFGA model was not imported", model.render(r.diagnostics()));
    }
    return r.policy();
  }

  /** The tuples of a file or a test: inline, one file, and several files. */
  private static List<Fixture> tuples(Path file, YamlNode.Mapping m, Policy policy) {
    List<Fixture> out = new ArrayList<>();
    for (YamlNode t : items(m.values().get("tuples"), "`tuples`")) {
      out.add(new Fixture(t.at(), new DataRecord.GrantRecord(tuple(mapping(t, "a tuple")))));
    }
    List<YamlNode> files = new ArrayList<>();
    if (m.values().containsKey("tuple_file")) {
      files.add(m.values().get("tuple_file"));
    }
    files.addAll(items(m.values().get("tuple_files"), "`tuple_files`"));
    for (YamlNode f : files) {
      Path path = resolve(file, text(f, "a tuple file"));
      String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
      if (name.endsWith(".csv")) {
        throw error(f.at(), "CSV tuple files are not read; write the tuples as JSON or YAML");
      }
      SourceFile source = new SourceFile(path.toString(), ForeignFiles.readFile(path));
      TupleImport ti = OpenFgaTuples.read(source, policy);
      if (!ti.ok()) {
        throw ForeignFiles.refused(
            f.at(), "the tuples of `" + path + "` were not imported", ti.render());
      }
      ti.grants().forEach(g -> out.add(new Fixture(f.at(), new DataRecord.GrantRecord(g))));
    }
    return out;
  }

  private static Grant tuple(YamlNode.Mapping t) {
    ForeignFiles.onlyKeys(
        t,
        "a tuple",
        Set.of("user", "relation", "object", "condition"),
        "user, relation, object, condition");
    String user = text(ForeignFiles.required(t, "user", "a tuple"), "`user`");
    String relation = text(ForeignFiles.required(t, "relation", "a tuple"), "`relation`");
    String object = text(ForeignFiles.required(t, "object", "a tuple"), "`object`");
    GrantCondition condition = null;
    YamlNode c = t.values().get("condition");
    if (c != null) {
      YamlNode.Mapping cm = mapping(c, "`condition`");
      condition =
          OpenFgaTuples.condition(
              text(ForeignFiles.required(cm, "name", "`condition`"), "`name`"),
              ForeignFiles.context(cm.values().get("context")));
    }
    try {
      return OpenFgaTuples.grant(user, relation, object, condition);
    } catch (WardenException e) {
      throw error(t.at(), e.getMessage());
    }
  }

  private static TestCase test(Path file, YamlNode.Mapping t, Policy policy) {
    ForeignFiles.onlyKeys(t, "a test", TEST, String.join(", ", TEST.stream().sorted().toList()));
    String name = text(ForeignFiles.required(t, "name", "a test"), "`name`");
    List<Assertion> assertions = new ArrayList<>();
    for (YamlNode c : items(t.values().get("check"), "`check`")) {
      checks(mapping(c, "a check"), assertions);
    }
    for (YamlNode l : items(t.values().get("list_objects"), "`list_objects`")) {
      listObjects(mapping(l, "a list_objects entry"), assertions);
    }
    for (YamlNode l : items(t.values().get("list_users"), "`list_users`")) {
      listUsers(mapping(l, "a list_users entry"), assertions);
    }
    if (assertions.isEmpty()) {
      throw error(
          t.at(), "a test needs at least one assertion in `check`, `list_objects` or `list_users`");
    }
    return new TestCase(name, t.at(), tuples(file, t, policy), assertions);
  }

  private static void checks(YamlNode.Mapping c, List<Assertion> out) {
    ForeignFiles.onlyKeys(
        c,
        "a check",
        Set.of("user", "users", "object", "objects", "context", "assertions"),
        "user or users, object or objects, context, assertions");
    List<String> users = oneOrMany(c, "user", "users", "a check");
    List<String> objects = oneOrMany(c, "object", "objects", "a check");
    Map<String, Object> context = ForeignFiles.context(c.values().get("context"));
    YamlNode.Mapping expected =
        mapping(ForeignFiles.required(c, "assertions", "a check"), "`assertions`");
    for (Map.Entry<String, YamlNode> e : expected.values().entrySet()) {
      Location at = expected.keys().get(e.getKey());
      boolean allowed = ForeignFiles.bool(e.getValue(), "a check's expectation");
      for (String user : users) {
        for (String object : objects) {
          CheckRequest request =
              CheckRequest.builder(subject(at, user), e.getKey(), entity(at, object))
                  .context(context)
                  .build();
          out.add(new Assertion.Check(at, request, allowed));
        }
      }
    }
  }

  private static void listObjects(YamlNode.Mapping l, List<Assertion> out) {
    ForeignFiles.onlyKeys(
        l,
        "a list_objects entry",
        Set.of("user", "type", "context", "assertions"),
        "user, type, context, assertions");
    String user = text(ForeignFiles.required(l, "user", "a list_objects entry"), "`user`");
    String type = text(ForeignFiles.required(l, "type", "a list_objects entry"), "`type`");
    Map<String, Object> context = ForeignFiles.context(l.values().get("context"));
    YamlNode.Mapping expected =
        mapping(ForeignFiles.required(l, "assertions", "a list_objects entry"), "`assertions`");
    for (Map.Entry<String, YamlNode> e : expected.values().entrySet()) {
      Location at = expected.keys().get(e.getKey());
      List<String> ids = new ArrayList<>();
      for (YamlNode o : items(e.getValue(), "the expected objects")) {
        String object = text(o, "an expected object");
        if (!object.startsWith(type + ":")) {
          throw error(o.at(), "`" + object + "` is not an object of type `" + type + "`");
        }
        ids.add(object.substring(type.length() + 1));
      }
      LookupResourcesRequest request =
          LookupResourcesRequest.of(subject(at, user), e.getKey(), wardenType(at, type))
              .with(Map.of(), context, List.of());
      out.add(new Assertion.LookupResources(at, request, ids));
    }
  }

  private static void listUsers(YamlNode.Mapping l, List<Assertion> out) {
    ForeignFiles.onlyKeys(
        l,
        "a list_users entry",
        Set.of("object", "user_filter", "context", "assertions"),
        "object, user_filter, context, assertions");
    String objectText = text(ForeignFiles.required(l, "object", "a list_users entry"), "`object`");
    Map<String, Object> context = ForeignFiles.context(l.values().get("context"));
    List<YamlNode> filters =
        items(ForeignFiles.required(l, "user_filter", "a list_users entry"), "`user_filter`");
    YamlNode.Mapping expected =
        mapping(ForeignFiles.required(l, "assertions", "a list_users entry"), "`assertions`");
    for (Map.Entry<String, YamlNode> e : expected.values().entrySet()) {
      Location at = expected.keys().get(e.getKey());
      EntityRef object = entity(at, objectText);
      YamlNode.Mapping answer = mapping(e.getValue(), "a list_users expectation");
      List<String> users = new ArrayList<>();
      for (YamlNode u :
          items(ForeignFiles.required(answer, "users", "a list_users expectation"), "`users`")) {
        users.add(text(u, "an expected user"));
      }
      for (YamlNode f : filters) {
        YamlNode.Mapping filter = mapping(f, "a user filter");
        String type = text(ForeignFiles.required(filter, "type", "a user filter"), "`type`");
        String written = "list_users " + objectText + " " + e.getKey() + " " + type;
        if (filter.values().containsKey("relation")) {
          String relation = text(filter.values().get("relation"), "`relation`");
          out.add(
              new Assertion.Unsupported(
                  at,
                  written + "#" + relation,
                  "a userset filter (`"
                      + type
                      + "#"
                      + relation
                      + "`): Warden lists entities, not usersets"));
          continue;
        }
        List<String> ids = new ArrayList<>();
        for (String user : users) {
          if (user.startsWith(type + ":") && user.indexOf('#') < 0) {
            ids.add(user.substring(type.length() + 1));
          }
        }
        LookupSubjectsRequest base =
            LookupSubjectsRequest.of(e.getKey(), object, wardenType(at, type));
        LookupSubjectsRequest request =
            new LookupSubjectsRequest(
                base.action(),
                base.resourceType(),
                base.resourceId(),
                null,
                base.subjectType(),
                context,
                List.of(),
                base.consistency());
        out.add(new Assertion.LookupSubjects(at, request, ids, true));
      }
    }
  }

  /** Why Warden cannot take {@code user} as the actor, or null when it can. */
  private static List<String> oneOrMany(YamlNode.Mapping m, String one, String many, String what) {
    YamlNode single = m.values().get(one);
    YamlNode list = m.values().get(many);
    if ((single == null) == (list == null)) {
      throw error(m.at(), what + " needs `" + one + "` or `" + many + "`, one of them");
    }
    if (single != null) {
      return List.of(text(single, "`" + one + "`"));
    }
    List<String> out = new ArrayList<>();
    for (YamlNode n : items(list, "`" + many + "`")) {
      out.add(text(n, "an item of `" + many + "`"));
    }
    return out;
  }

  /** A check's user: an entity, a userset ({@code group:eng#member}) or a wildcard. */
  private static SubjectRef subject(Location at, String user) {
    try {
      return OpenFgaTuples.subject(user);
    } catch (WardenException e) {
      throw error(at, e.getMessage());
    }
  }

  private static EntityRef entity(Location at, String object) {
    try {
      return OpenFgaTuples.entity(object);
    } catch (WardenException e) {
      throw error(at, e.getMessage());
    }
  }

  private static String wardenType(Location at, String type) {
    if (!TypeNames.importableType(type)) {
      throw error(at, "`" + type + "` is not an importable OpenFGA type name");
    }
    return TypeNames.toWarden(type);
  }

  private static Path resolve(Path file, String relative) {
    Path p = Path.of(relative);
    return p.isAbsolute() ? p : file.resolveSibling(p);
  }
}
