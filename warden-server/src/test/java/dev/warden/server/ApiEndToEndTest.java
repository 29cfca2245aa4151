package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.DecisionEvent;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every endpoint over real HTTP on loopback, with the full example policy. */
class ApiEndToEndTest {

  static final List<DecisionEvent> EVENTS = new CopyOnWriteArrayList<>();
  static TestServer s;

  @BeforeAll
  static void start() {
    s =
        new TestServer(
            ServerConfig.builder().port(0).consistencyTimeout(Duration.ofMillis(300)).build(),
            EVENTS::add);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  @Test
  void checkAllowsAndDeniesWithRevisionAndRecordsTheKeyId() {
    TestServer.Res yes =
        s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
    TestServer.Res no =
        s.post("/v1/check", s.checker, TestServer.check("User:graham", "delete", "Repository:oso"));
    assertThat(yes.status()).isEqualTo(200);
    assertThat(yes.json().get("allowed").asBoolean()).isTrue();
    assertThat(yes.json().get("revision").asLong()).isEqualTo(s.warden.revision());
    assertThat(yes.json().get("decision_id").asText()).isNotBlank();
    assertThat(no.json().get("allowed").asBoolean()).isFalse();
    DecisionEvent e =
        EVENTS.stream()
            .filter(ev -> ev.decisionId().equals(yes.json().get("decision_id").asText()))
            .findFirst()
            .orElseThrow();
    assertThat(e.source()).isEqualTo("http");
    assertThat(e.keyId()).isNotNull().doesNotContain("_");
    assertThat(s.checker).contains(e.keyId());
  }

  @Test
  void checkUsesJustInTimeAttributesAndContext() {
    String body =
        "{\"actor\":{\"type\":\"User\",\"id\":\"zoe\",\"attributes\":{\"department\":\"finance\"}},"
            + "\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"ledger\"},"
            + "\"context\":{\"ip\":\"10.1.2.3\"}}";
    assertThat(s.post("/v1/check", s.checker, body).json().get("allowed").asBoolean()).isTrue();
    String outside = body.replace("10.1.2.3", "192.168.1.1");
    assertThat(s.post("/v1/check", s.checker, outside).json().get("allowed").asBoolean()).isFalse();
  }

  @Test
  void checkWaitsForARevisionAndTimesOutClearly() {
    long now = s.warden.revision();
    String ok =
        TestServer.check("User:larry", "read", "Repository:gmail")
            .replace("}}", "},\"consistency\":{\"at_least\":" + now + "}}");
    assertThat(s.post("/v1/check", s.checker, ok).status()).isEqualTo(200);
    String future = ok.replace("\"at_least\":" + now, "\"at_least\":" + (now + 1000));
    TestServer.Res r = s.post("/v1/check", s.checker, future);
    assertThat(r.status()).isEqualTo(503);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("consistency_timeout");
    assertThat(r.json().at("/error/message").asText()).contains("revision " + (now + 1000));
  }

  @Test
  void bulkAnswersInOrder() {
    String body =
        "{\"checks\":["
            + TestServer.check("User:larry", "delete", "Repository:gmail")
            + ","
            + TestServer.check("User:anne", "delete", "Repository:react")
            + ","
            + TestServer.check("User:anne", "read", "Repository:react")
            + "]}";
    TestServer.Res r = s.post("/v1/check/bulk", s.checker, body);
    assertThat(r.status()).isEqualTo(200);
    JsonNode results = r.json().get("results");
    assertThat(results).hasSize(3);
    assertThat(results.get(0).get("allowed").asBoolean()).isTrue();
    assertThat(results.get(1).get("allowed").asBoolean()).isFalse();
    assertThat(results.get(2).get("allowed").asBoolean()).isTrue();
    assertThat(r.json().get("revision").asLong()).isPositive();
  }

  @Test
  void explainGivesTheTree() {
    TestServer.Res r =
        s.post(
            "/v1/explain", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("allowed").asBoolean()).isTrue();
    assertThat(r.json().at("/explanation/label").asText()).isEqualTo("Repository:gmail#read");
    assertThat(r.text()).contains("Repository:gmail#admin@User:larry");
  }

  @Test
  void lookupResourcesListsWhatTheActorMayRead() {
    String body =
        "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\",\"resource_type\":\"Repository\"}";
    TestServer.Res r = s.post("/v1/lookup/resources", s.checker, body);
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.json().get("ids").toString()).contains("\"gmail\"");
    assertThat(r.json().has("next_cursor")).isTrue();
  }

  @Test
  void lookupSubjectsGivesUsersWithTheirGrantsInBothShapes() {
    String body =
        "{\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\"},\"subject_type\":\"User\"}";
    TestServer.Res r = s.post("/v1/lookup/subjects", s.checker, body);
    assertThat(r.status()).isEqualTo(200);
    JsonNode first = r.json().get("subjects").get(0);
    assertThat(first.at("/subject/id").asText()).isEqualTo("larry");
    assertThat(first.at("/grants/0/relation").asText()).isEqualTo("admin");
    String permit = body.substring(0, body.length() - 1) + ",\"format\":\"authorized_users\"}";
    TestServer.Res users = s.post("/v1/lookup/subjects", s.checker, permit);
    assertThat(users.status()).isEqualTo(200);
    assertThat(users.json().at("/resource").asText()).isEqualTo("Repository:gmail");
    assertThat(users.json().at("/users/larry/0/role").asText()).isEqualTo("admin");
  }

  @Test
  void relationshipsWriteReadDeleteWithPreconditions() {
    String grant =
        "{\"resource\":{\"type\":\"Repository\",\"id\":\"w1\"},\"relation\":\"admin\",\"subject\":{\"type\":\"User\",\"id\":\"wendy\"}}";
    TestServer.Res w =
        s.post(
            "/v1/relationships/write",
            s.writer,
            "{\"updates\":[{\"operation\":\"create\",\"grant\":" + grant + "}]}");
    assertThat(w.status()).isEqualTo(200);
    long rev = w.json().get("revision").asLong();
    assertThat(rev).isEqualTo(s.warden.revision());
    TestServer.Res again =
        s.post(
            "/v1/relationships/write",
            s.writer,
            "{\"updates\":[{\"operation\":\"create\",\"grant\":" + grant + "}]}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.json().at("/error/code").asText()).isEqualTo("precondition_failed");
    TestServer.Res failedPre =
        s.post(
            "/v1/relationships/write",
            s.writer,
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:w1#admin@User:xavier\"}],"
                + "\"preconditions\":[{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"w1\"},\"must_exist\":false}]}");
    assertThat(failedPre.status()).isEqualTo(409);
    TestServer.Res read =
        s.post(
            "/v1/relationships/read",
            s.writer,
            "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"w1\"}}");
    assertThat(read.status()).isEqualTo(200);
    assertThat(read.json().get("grants")).hasSize(1);
    assertThat(read.json().at("/grants/0/subject/id").asText()).isEqualTo("wendy");
    TestServer.Res check =
        s.post(
            "/v1/check",
            s.checker,
            TestServer.check("User:wendy", "delete", "Repository:w1")
                .replace("}}", "},\"consistency\":{\"at_least\":" + rev + "}}"));
    assertThat(check.json().get("allowed").asBoolean()).isTrue();
    TestServer.Res del =
        s.post(
            "/v1/relationships/delete",
            s.writer,
            "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"w1\"}}");
    assertThat(del.status()).isEqualTo(200);
    assertThat(del.json().get("revision").asLong()).isGreaterThan(rev);
    assertThat(
            s.post(
                    "/v1/relationships/read",
                    s.writer,
                    "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"w1\"}}")
                .json()
                .get("grants"))
        .isEmpty();
  }

  @Test
  void aBadGrantIs422AndWritesNothing() {
    long before = s.warden.revision();
    TestServer.Res r =
        s.post(
            "/v1/relationships/write",
            s.writer,
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:x#admin@User:ok\"},"
                + "{\"operation\":\"touch\",\"grant\":\"Repository:x#read@User:bad\"}]}");
    assertThat(r.status()).isEqualTo(422);
    assertThat(r.json().at("/error/code").asText()).isEqualTo("invalid_grant");
    assertThat(s.warden.revision()).isEqualTo(before);
  }

  @Test
  void entitiesPutSetsAttributes() {
    TestServer.Res r =
        s.put("/v1/entities/Repository/pub1", s.writer, "{\"attributes\":{\"is_public\":true}}");
    assertThat(r.status()).isEqualTo(200);
    assertThat(
            s.post(
                    "/v1/check",
                    s.checker,
                    TestServer.check("User:nobody", "read", "Repository:pub1"))
                .json()
                .get("allowed")
                .asBoolean())
        .isTrue();
    TestServer.Res bad = s.put("/v1/entities/Nope/x", s.writer, "{\"attributes\":{\"a\":1}}");
    assertThat(bad.status()).isEqualTo(422);
  }

  @Test
  void policyGetAndPutKeepVersions() {
    TestServer.Res get = s.get("/v1/policy", s.admin);
    assertThat(get.status()).isEqualTo(200);
    int version = get.json().get("version").asInt();
    String source = get.json().get("source").asText();
    TestServer.Res invalid =
        s.put(
            "/v1/policy",
            s.admin,
            "{\"source\":\"resource Repository { roles = [\\\"admin\\\"]; \\\"admin\\\" if \\\"nope\\\"; }\"}");
    assertThat(invalid.status()).isEqualTo(422);
    assertThat(invalid.json().at("/error/code").asText()).isEqualTo("invalid_policy");
    assertThat(invalid.json().at("/error/details").size()).isPositive();
    TestServer.Res dry =
        s.put(
            "/v1/policy",
            s.admin,
            "{\"source\":" + TestServer.JSON.valueToTree(source) + ",\"validate_only\":true}");
    assertThat(dry.json().get("activated").asBoolean()).isFalse();
    TestServer.Res put =
        s.put(
            "/v1/policy",
            s.admin,
            "{\"source\":" + TestServer.JSON.valueToTree(source + "\n") + "}");
    assertThat(put.status()).isEqualTo(200);
    assertThat(put.json().get("version").asInt()).isEqualTo(version + 1);
    TestServer.Res old = s.get("/v1/policy?version=" + version, s.admin);
    assertThat(old.json().get("source").asText()).isEqualTo(source);
    assertThat(s.get("/v1/policy", s.admin).json().get("versions").size()).isEqualTo(version + 1);
    assertThat(s.get("/v1/policy?version=999", s.admin).status()).isEqualTo(404);
  }

  @Test
  void metricsAndOpenApiAreServed() {
    s.post("/v1/check", s.checker, TestServer.check("User:larry", "read", "Repository:gmail"));
    TestServer.Res m = s.get("/metrics", null);
    assertThat(m.status()).isEqualTo(200);
    assertThat(m.text())
        .contains("warden_http_requests_seconds_count")
        .contains("route=\"/v1/check\"")
        .contains("warden_revision");
    TestServer.Res doc = s.get("/v1/openapi.json", null);
    assertThat(doc.json().get("openapi").asText()).startsWith("3.");
  }
}
