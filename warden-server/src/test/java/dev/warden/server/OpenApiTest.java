package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.server.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps openapi.json true: the routes the server registers and the documented operations are the
 * same set, each documented example validates against its declared schema, and real answers from
 * the server validate against the documented response schemas.
 */
class OpenApiTest {

  static JsonNode doc;
  static TestServer s;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = WardenServer.class.getResourceAsStream("openapi.json")) {
      doc = TestServer.JSON.readTree(in);
    }
    s = new TestServer();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void everyRouteIsDocumentedAndEveryDocumentedOperationIsARoute() {
    Set<String> served = new TreeSet<>();
    for (Route r : s.server.routes()) {
      served.add(r.method() + " " + r.path());
    }
    Set<String> documented = new TreeSet<>();
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        if (!op.getKey().equals("parameters")) {
          documented.add(op.getKey().toUpperCase(Locale.ROOT) + " " + path.getKey());
        }
      }
    }
    assertThat(documented).isEqualTo(served);
  }

  @Test
  void documentedScopesMatchTheRoutes() {
    for (Route r : s.server.routes()) {
      JsonNode op = doc.get("paths").get(r.path()).get(r.method().toLowerCase(Locale.ROOT));
      String scope = op.path("x-scope").asText(null);
      assertThat(scope)
          .as(r.method() + " " + r.path())
          .isEqualTo(r.scope() == null ? null : r.scope().wireName());
    }
  }

  @Test
  void documentedTenantBindingMatchesTheRoutes() {
    for (Route r : s.server.routes()) {
      JsonNode op = doc.get("paths").get(r.path()).get(r.method().toLowerCase(Locale.ROOT));
      String bound = op.path("x-tenant-bound").asText(null);
      assertThat(bound)
          .as(r.method() + " " + r.path())
          .isEqualTo(r.scope() == null ? null : r.boundKeys() ? "confined" : "refused");
    }
  }

  @Test
  void everyExampleValidatesAgainstItsSchema() {
    int checked = 0;
    for (Map.Entry<String, JsonNode> path : doc.get("paths").properties()) {
      for (Map.Entry<String, JsonNode> op : path.getValue().properties()) {
        List<JsonNode> media = new ArrayList<>();
        media.add(op.getValue().at("/requestBody/content/application~1json"));
        media.add(op.getValue().at("/responses/200/content/application~1json"));
        for (JsonNode m : media) {
          if (!m.isMissingNode() && m.has("example")) {
            List<String> problems = new ArrayList<>();
            validate(
                m.get("schema"), m.get("example"), path.getKey() + " " + op.getKey(), problems);
            assertThat(problems).isEmpty();
            checked++;
          }
        }
      }
    }
    assertThat(checked).isGreaterThan(20);
  }

  @Test
  void realAnswersValidateAgainstTheDocumentedSchemas() {
    assertValid(
        "Decision",
        s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"))
            .json());
    assertValid(
        "ExplainResponse",
        s.post("/v1/explain", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"))
            .json());
    assertValid(
        "LookupSubjectsResponse",
        s.post(
                "/v1/lookup/subjects",
                s.checker,
                "{\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\"},\"subject_type\":\"User\"}")
            .json());
    assertValid("ReadResponse", s.post("/v1/relationships/read", s.writer, "{}").json());
    assertValid("PolicyResponse", s.get("/v1/policy", s.admin).json());
    assertValid("Error", s.post("/v1/check", s.checker, "{").json());
    assertValid("Error", s.post("/v1/check", null, "{}").json());
  }

  /** Checks a real answer against a documented schema; for the tests of other endpoints too. */
  static void assertValid(String schema, JsonNode value) {
    if (doc == null) {
      try (InputStream in = WardenServer.class.getResourceAsStream("openapi.json")) {
        doc = TestServer.JSON.readTree(in);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    List<String> problems = new ArrayList<>();
    validate(doc.at("/components/schemas/" + schema), value, schema, problems);
    assertThat(problems).as(value.toString()).isEmpty();
  }

  /** The subset of JSON Schema the document uses: $ref, type, required, properties, items. */
  private static void validate(JsonNode schema, JsonNode value, String at, List<String> problems) {
    OpenApiSchemas.validate(doc, schema, value, at, problems);
  }
}
