package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every error status, in the one error shape, and the authentication matrix. */
class ErrorsAndAuthTest {

  static TestServer s;
  static final String CHECK = TestServer.check("User:larry", "read", "Repository:gmail");

  @BeforeAll
  static void start() {
    s =
        new TestServer(
            ServerConfig.builder().port(0).bodyLimitBytes(4096).build(),
            dev.warden.api.DecisionLog.NONE);
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static void assertError(TestServer.Res r, int status, String code) {
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    assertThat(r.json().at("/error/code").asText()).isEqualTo(code);
    assertThat(r.json().at("/error/message").asText()).isNotBlank();
    assertThat(r.json().at("/error/details").isArray()).isTrue();
    assertThat(r.text()).doesNotContain("Exception").doesNotContain("\tat ");
  }

  @Test
  void malformedJsonIs400() {
    assertError(s.post("/v1/check", s.checker, "{\"actor\":"), 400, "malformed_json");
    assertError(s.post("/v1/check", s.checker, ""), 400, "malformed_json");
    assertError(s.post("/v1/check", s.checker, "{} trailing"), 400, "malformed_json");
    assertError(
        s.post("/v1/check", s.checker, "[".repeat(500) + "]".repeat(500)), 400, "malformed_json");
  }

  @Test
  void wellFormedButInvalidIs422() {
    assertError(s.post("/v1/check", s.checker, "[1,2]"), 422, "invalid_request");
    assertError(
        s.post("/v1/check", s.checker, "{\"actor\":{\"type\":\"User\"}}"), 422, "invalid_request");
    assertError(
        s.post("/v1/check", s.checker, CHECK.replace("Repository", "Repo")),
        422,
        "invalid_request");
    assertError(
        s.post("/v1/check", s.checker, CHECK.replace("\"read\"", "\"fly\"")),
        422,
        "invalid_request");
    assertError(
        s.post("/v1/check", s.checker, CHECK.replace("\"read\"", "42")), 422, "invalid_request");
    assertError(
        s.post(
            "/v1/relationships/write",
            s.writer,
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:a#read@User:b\"}]}"),
        422,
        "invalid_grant");
  }

  @Test
  void unknownActionSuggestsTheRightOne() {
    TestServer.Res r = s.post("/v1/check", s.checker, CHECK.replace("\"read\"", "\"raed\""));
    assertThat(r.json().at("/error/message").asText()).contains("read");
  }

  @Test
  void bodyPastTheLimitIs413() {
    String big = "{\"actor\":{\"type\":\"User\",\"id\":\"" + "x".repeat(5000) + "\"}}";
    assertError(s.post("/v1/check", s.checker, big), 413, "body_too_large");
  }

  @Test
  void failedPreconditionIs409() {
    TestServer.Res r =
        s.post(
            "/v1/relationships/write",
            s.writer,
            "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:p#admin@User:q\"}],"
                + "\"preconditions\":[{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"nothing-here\"}}]}");
    assertError(r, 409, "precondition_failed");
  }

  @Test
  void unknownRouteIs404AndWrongMethodIs405() {
    assertError(s.get("/v1/nope", s.admin), 404, "not_found");
    TestServer.Res r = s.get("/v1/check", s.admin);
    assertError(r, 405, "method_not_allowed");
    assertThat(r.raw().headers().firstValue("Allow")).contains("POST");
    assertError(s.post("/v1/policy", s.admin, "{}"), 405, "method_not_allowed");
  }

  @Test
  void consistencyTimeoutIs503() {
    String future = CHECK.replace("}}", "},\"consistency\":{\"at_least\":999999}}");
    assertError(s.post("/v1/check", s.checker, future), 503, "consistency_timeout");
  }

  @Test
  void noKeyOrWrongKeyIs401() {
    assertError(s.post("/v1/check", null, CHECK), 401, "unauthenticated");
    assertError(s.post("/v1/check", "wk_000000000000_nope", CHECK), 401, "unauthenticated");
    String tampered =
        s.checker.substring(0, s.checker.length() - 1) + (s.checker.endsWith("A") ? "B" : "A");
    assertError(s.post("/v1/check", tampered, CHECK), 401, "unauthenticated");
    assertError(s.post("/v1/check", "garbage", CHECK), 401, "unauthenticated");
    TestServer.Res basic =
        s.send(
            s.request("/v1/check", null)
                .header("Authorization", "Basic dXNlcjpwYXNz")
                .POST(HttpRequest.BodyPublishers.ofString(CHECK))
                .build());
    assertError(basic, 401, "unauthenticated");
    assertThat(basic.raw().headers().firstValue("WWW-Authenticate")).contains("Bearer");
  }

  @ParameterizedTest(name = "{0} {1} with the {2} key -> {3}")
  @CsvSource({
    "POST, /v1/check, checker, 200",
    "POST, /v1/check, writer, 403",
    "POST, /v1/check, admin, 200",
    "POST, /v1/relationships/read, checker, 403",
    "POST, /v1/relationships/read, writer, 200",
    "GET, /v1/policy, writer, 403",
    "GET, /v1/policy, checker, 403",
    "GET, /v1/policy, admin, 200",
    "POST, /v1/relationships/write, tenant, 403",
  })
  void scopes(String method, String path, String who, int status) {
    String key = key(who);
    String body = path.equals("/v1/check") ? CHECK : "{}";
    TestServer.Res r = method.equals("GET") ? s.get(path, key) : s.post(path, key, body);
    assertThat(r.status()).as(r.text()).isEqualTo(status);
    if (status == 403) {
      assertThat(r.json().at("/error/code").asText()).isEqualTo("forbidden");
    }
  }

  @Test
  void aTenantBoundKeyAsksOnlyAboutItsTenant() {
    String other = CHECK.replace("\"id\":\"gmail\"}", "\"id\":\"gmail\",\"tenant\":\"globex\"}");
    assertError(s.post("/v1/check", s.tenantKey, other), 403, "forbidden");
    String own = CHECK.replace("\"id\":\"gmail\"}", "\"id\":\"gmail\",\"tenant\":\"acme\"}");
    assertThat(s.post("/v1/check", s.tenantKey, own).status()).isEqualTo(200);
    TestServer.Res implied = s.post("/v1/check", s.tenantKey, CHECK);
    assertThat(implied.status()).isEqualTo(200);
    String lookup =
        "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\",\"resource_type\":\"Repository\",\"tenant\":\"globex\"}";
    assertError(s.post("/v1/lookup/resources", s.tenantKey, lookup), 403, "forbidden");
  }

  private static String key(String who) {
    return switch (who) {
      case "checker" -> s.checker;
      case "writer" -> s.writer;
      case "admin" -> s.admin;
      default -> s.tenantKey;
    };
  }
}
