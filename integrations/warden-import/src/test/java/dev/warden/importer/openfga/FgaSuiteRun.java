package dev.warden.importer.openfga;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.ImportResult;
import dev.warden.importer.TypeNames;
import dev.warden.lang.SourceFile;
import dev.warden.store.memory.MemoryStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Runs one OpenFGA test file against Warden: per test a fresh in-memory Warden (the stages of a
 * test share its store, as in OpenFGA), per stage the imported model activated and the stage's
 * tuples written through {@link OpenFgaTuples}, then every assertion, each giving an {@link
 * Outcome}. A failure is a short reason that starts with its category (`model refused:`, `wrong
 * answer:`...), because the exclusion file lists exactly these reasons.
 */
final class FgaSuiteRun {

  /** One assertion's result: {@code failure} is null when Warden answered as OpenFGA expects. */
  record Outcome(String name, String suite, String kind, String failure) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String suite;
  private final List<Outcome> outcomes = new ArrayList<>();
  private String missing;

  private FgaSuiteRun(String suite) {
    this.suite = suite;
  }

  static List<Outcome> run(String suite, JsonNode tests) {
    FgaSuiteRun r = new FgaSuiteRun(suite);
    for (JsonNode t : tests) {
      r.test(t);
    }
    return r.outcomes;
  }

  private void test(JsonNode t) {
    String name = suite + "/" + t.get("name").asText();
    try (Warden w =
        Warden.builder().policy("start.warden", "actor User {}").store(new MemoryStore()).build()) {
      int i = 0;
      String unstored = null;
      for (JsonNode s : t.get("stages")) {
        String base = name + "/stage" + i++;
        String setUp = setUp(w, base, s);
        missing = unstored;
        if (setUp != null && unstored == null && list(s, "tuples").iterator().hasNext()) {
          unstored = "stage" + (i - 1);
        }
        int j = 0;
        for (JsonNode a : list(s, "checkAssertions")) {
          add(base + "/check/" + j++, "check", setUp != null ? setUp : check(w, a));
        }
        j = 0;
        for (JsonNode a : list(s, "listObjectsAssertions")) {
          add(base + "/listObjects/" + j++, "list objects", setUp != null ? setUp : objects(w, a));
        }
        j = 0;
        for (JsonNode a : list(s, "listUsersAssertions")) {
          add(base + "/listUsers/" + j++, "list users", setUp != null ? setUp : users(w, a));
        }
      }
    }
  }

  private void add(String name, String kind, String failure) {
    // OpenFGA keeps an earlier stage's tuples; here a refused stage stored none, so a later wrong
    // answer may be that loss rather than Warden's, and is reported as such.
    if (missing != null && failure != null && failure.startsWith("wrong answer:")) {
      failure =
          "wrong answer after refused stage: "
              + missing
              + " tuples not stored;"
              + failure.substring("wrong answer:".length());
    }
    outcomes.add(new Outcome(name, suite, kind, failure));
  }

  /** Imports and activates the stage's model and writes its tuples; the reason it could not. */
  private static String setUp(Warden w, String base, JsonNode s) {
    ImportResult r =
        OpenFgaModelImporter.importModel(new SourceFile(base, s.get("model").asText()));
    if (!r.ok()) {
      ImportDiagnostic d = r.diagnostics().get(0);
      return "model refused: " + d.code() + " " + d.message();
    }
    try {
      w.activateInStore(base.replace('/', '_') + ".warden", r.policy());
    } catch (WardenException e) {
      return "model not activated: " + e.getMessage();
    }
    JsonNode tuples = s.get("tuples");
    if (tuples == null || tuples.isEmpty()) {
      return null;
    }
    TupleImport ti =
        OpenFgaTuples.read(new SourceFile(base + ".json", tuples.toString()), w.policy());
    if (!ti.ok()) {
      ImportDiagnostic d = ti.diagnostics().get(0);
      return "tuple refused: " + d.code() + " " + d.message();
    }
    w.write(WriteBatch.touch(ti.grants()));
    return null;
  }

  private static String check(Warden w, JsonNode a) {
    JsonNode t = a.get("tuple");
    String user = t.get("user").asText();
    try {
      CheckRequest.Builder b =
          CheckRequest.builder(
                  actor(user),
                  t.get("relation").asText(),
                  OpenFgaTuples.entity(t.get("object").asText()))
              .context(context(a));
      contextual(a).forEach(b::contextualGrant);
      boolean got = w.check(b.build()).allowed();
      if (a.has("errorCode")) {
        if (missingParameter(a) && !got) {
          // OpenFGA fails a check that needs a parameter nobody supplied; Warden denies it and its
          // explanation names the parameter, which is what the assertion is about.
          String why = w.explain(b.build()).root().render();
          return why.contains("missing")
              ? null
              : "wrong answer: denied, not for a missing parameter";
        }
        return wrongError(a, String.valueOf(got));
      }
      boolean want = a.get("expectation").asBoolean();
      return got == want ? null : "wrong answer: expected " + want + " got " + got;
    } catch (WardenException e) {
      return a.has("errorCode") ? null : refused("check", user, e);
    }
  }

  private static String objects(Warden w, JsonNode a) {
    JsonNode q = a.get("request");
    String user = q.get("user").asText();
    String type = q.get("type").asText();
    try {
      LookupResourcesRequest req =
          LookupResourcesRequest.of(
                  actor(user), q.get("relation").asText(), TypeNames.toWarden(type))
              .with(Map.of(), context(a), contextual(a));
      Set<String> got = new TreeSet<>();
      for (String cursor = null; ; ) {
        LookupResourcesResult page =
            w.lookupResources(cursor == null ? req : req.page(cursor, 1000));
        page.ids().forEach(id -> got.add(type + ":" + id));
        cursor = page.nextCursor();
        if (cursor == null) {
          break;
        }
      }
      return compare(a, got);
    } catch (WardenException e) {
      return a.has("errorCode") ? null : refused("list objects", user, e);
    }
  }

  private static String users(Warden w, JsonNode a) {
    JsonNode q = a.get("request");
    Set<String> got = new TreeSet<>();
    try {
      for (JsonNode f : q.get("filters")) {
        String filter = f.asText();
        int hash = filter.indexOf('#');
        String filterType = hash < 0 ? filter : filter.substring(0, hash);
        String filterRelation = hash < 0 ? null : filter.substring(hash + 1);
        EntityRef object = OpenFgaTuples.entity(q.get("object").asText());
        LookupSubjectsRequest base =
            LookupSubjectsRequest.of(
                q.get("relation").asText(), object, TypeNames.toWarden(filterType));
        LookupSubjectsResult r =
            w.lookupSubjects(
                new LookupSubjectsRequest(
                    base.action(),
                    base.resourceType(),
                    base.resourceId(),
                    null,
                    base.subjectType(),
                    filterRelation,
                    context(a),
                    contextual(a),
                    base.consistency()));
        if (r.anySubject() && filterRelation == null) {
          got.add(filter + ":*");
        }
        r.subjects().stream()
            .filter(FgaSuiteRun::notOnlyThroughWildcard)
            .forEach(s -> got.add(openFga(s.subject())));
      }
      return compare(a, got);
    } catch (WardenException e) {
      return a.has("errorCode") ? null : refused("list users", null, e);
    }
  }

  /**
   * OpenFGA lists {@code user:*} for a wildcard grant, not every user it happens to know; Warden
   * lists known users with the grants that reach them, so users reached only through wildcard
   * grants are left to the {@code anySubject} flag.
   */
  private static boolean notOnlyThroughWildcard(AuthorizedSubject s) {
    return s.grants().isEmpty() || s.grants().stream().anyMatch(g -> !g.subject().isWildcard());
  }

  private static String compare(JsonNode a, Set<String> got) {
    if (a.has("errorCode")) {
      return wrongError(a, got.toString());
    }
    Set<String> want = new TreeSet<>();
    list(a, "expectation").forEach(x -> want.add(x.asText()));
    return want.equals(got) ? null : "wrong answer: expected " + want + " got " + got;
  }

  /** OpenFGA's 2000 in the ABAC tests: a condition parameter neither tuple nor request supplies. */
  private static boolean missingParameter(JsonNode a) {
    return a.get("errorCode").asInt() == 2000;
  }

  private static String wrongError(JsonNode a, String got) {
    if (missingParameter(a)) {
      // Warden evaluates a missing parameter as unknown (docs/language.md, Kleene logic): what
      // holds whatever its value is still allowed or listed, where OpenFGA fails the request. A
      // number beyond double range reaches Warden as an infinity (the YAML reader's), a double.
      return "error 2000 answered: expected error 2000 got " + got;
    }
    return "wrong answer: expected error " + a.get("errorCode").asInt() + " got " + got;
  }

  /** A listed subject in OpenFGA's spelling: {@code user:anne} or {@code group:eng#member}. */
  private static String openFga(SubjectRef s) {
    String object = OpenFgaTuples.openFga(s.type(), s.id());
    return s.isUserset() ? object + "#" + s.relation() : object;
  }

  private static String refused(String kind, String user, WardenException e) {
    return "refused: " + kind + (user == null ? "" : " for " + user) + ": " + e.getMessage();
  }

  /** The check's or list-objects' user: an entity, a userset or a wildcard. */
  private static SubjectRef actor(String user) {
    return OpenFgaTuples.subject(user);
  }

  private static List<Grant> contextual(JsonNode a) {
    List<Grant> out = new ArrayList<>();
    for (JsonNode t : list(a, "contextualTuples")) {
      JsonNode c = t.get("condition");
      out.add(
          OpenFgaTuples.grant(
              t.get("user").asText(),
              t.get("relation").asText(),
              t.get("object").asText(),
              c == null
                  ? null
                  : OpenFgaTuples.condition(c.get("name").asText(), map(c.get("context")))));
    }
    return out;
  }

  private static Map<String, Object> context(JsonNode a) {
    return map(a.get("context"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(JsonNode n) {
    return n == null || n.isNull() ? Map.of() : JSON.convertValue(n, Map.class);
  }

  private static Iterable<JsonNode> list(JsonNode n, String key) {
    JsonNode v = n.get(key);
    return v == null || v.isNull() ? List.of() : v;
  }
}
