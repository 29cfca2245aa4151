package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.GrantFilter;
import dev.warden.api.Mutation;
import dev.warden.api.WriteBatch;
import dev.warden.wire.AnswerCodec;
import dev.warden.wire.GrantCodec;
import dev.warden.wire.RequestCodec;
import dev.warden.wire.WireSamples;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keeps openapi.json true to the wire codec: every request and answer the codec writes, for many
 * random messages, validates against the schema the document gives it (every field it writes is
 * documented with its type, every required property is written), and every documented top-level
 * property of those schemas is written by the codec for some message, so the document can drift
 * from the codec in neither direction.
 */
class OpenApiCodecTest {

  private static final int RUNS = 200;

  /**
   * Documented properties the codec never writes, and why: the server reads them, but the client
   * sends the same request another way.
   */
  private static final Map<String, Set<String>> READ_ONLY =
      Map.of(
          // the client gives each check its own consistency
          "BulkRequest", Set.of("consistency"),
          // the client deletes listed grants as a write of delete operations
          "DeleteRequest", Set.of("grants"));

  static JsonNode doc;

  @BeforeAll
  static void load() throws IOException {
    try (InputStream in = WardenServer.class.getResourceAsStream("openapi.json")) {
      doc = Json.mapper().readTree(in);
    }
  }

  private final Map<String, Set<String>> written = new TreeMap<>();
  private final List<String> problems = new ArrayList<>();

  private void check(String schema, JsonNode value) {
    OpenApiSchemas.validate(doc, doc.at("/components/schemas/" + schema), value, schema, problems);
    value
        .fieldNames()
        .forEachRemaining(f -> written.computeIfAbsent(schema, k -> new TreeSet<>()).add(f));
  }

  @Test
  void requestsTheCodecWritesMatchTheDocument() {
    WireSamples s = new WireSamples(11);
    for (int i = 0; i < RUNS; i++) {
      check("CheckRequest", RequestCodec.encodeCheck(s.check()));
      check("BulkRequest", RequestCodec.encodeBulk(s.bulk()));
      check("LookupResourcesRequest", RequestCodec.encodeLookupResources(s.lookupResources()));
      String format = List.of("subjects", "authorized_users", "").get(i % 3);
      check(
          "LookupSubjectsRequest",
          RequestCodec.encodeLookupSubjects(s.lookupSubjects(), format.isEmpty() ? null : format));
      WriteBatch w = s.write();
      check("WriteRequest", RequestCodec.encodeWrite(w.mutations(), w.preconditions()));
      WriteBatch d = s.delete();
      GrantFilter f = ((Mutation.DeleteMatching) d.mutations().get(0)).filter();
      check("DeleteRequest", RequestCodec.encodeDelete(f, d.preconditions()));
      check("ReadRequest", RequestCodec.encodeRead(s.read()));
      check("EntityRequest", RequestCodec.encodeAttributes(s.attributes()));
      check("PolicyRequest", RequestCodec.encodePolicy("policy " + i, i % 2 == 0));
      check("GrantFilter", RequestCodec.encodeFilter(s.filter()));
      check("Grant", GrantCodec.encode(s.grant()));
    }
    assertThat(problems).isEmpty();
    assertEveryDocumentedPropertyIsWritten();
  }

  @Test
  void answersTheCodecWritesMatchTheDocument() {
    WireSamples s = new WireSamples(12);
    for (int i = 0; i < RUNS; i++) {
      check("Decision", AnswerCodec.encodeDecision(s.decision()));
      check("BulkResponse", AnswerCodec.encodeBulk(s.decisions()));
      ObjectNode explained = AnswerCodec.encodeExplanation(s.explanation());
      // the endpoint adds which clock the conditions read (DecisionClock); the codec does not
      explained.put("clock", "server");
      check("ExplainResponse", explained);
      check("LookupResourcesResponse", AnswerCodec.encodeResources(s.resources()));
      check("LookupSubjectsResponse", AnswerCodec.encodeSubjects(s.subjects()));
      check(
          "LookupSubjectsResponse",
          AnswerCodec.encodeAuthorizedUsers(s.authorizedUsers(), s.revision()));
      check("ReadResponse", AnswerCodec.encodePage(s.page()));
      check("Revision", AnswerCodec.encodeRevision(s.revision()));
      check("Grant", GrantCodec.encode(s.grant()));
    }
    assertThat(problems).isEmpty();
    assertEveryDocumentedPropertyIsWritten();
  }

  private void assertEveryDocumentedPropertyIsWritten() {
    assertThat(written).isNotEmpty();
    for (Map.Entry<String, Set<String>> e : written.entrySet()) {
      Set<String> documented = new TreeSet<>();
      doc.at("/components/schemas/" + e.getKey() + "/properties")
          .fieldNames()
          .forEachRemaining(documented::add);
      documented.removeAll(READ_ONLY.getOrDefault(e.getKey(), Set.of()));
      assertThat(e.getValue()).as(e.getKey()).containsAll(documented);
    }
  }
}
