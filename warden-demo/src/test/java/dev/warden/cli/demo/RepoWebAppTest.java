package dev.warden.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.identity.DevTokens;
import dev.warden.identity.JwtVerifier;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The quickstart repository app over real HTTP on loopback: {@link #app} without a token verifier
 * (the user comes from {@code X-User}), {@link #verified} with one (only a verified token names the
 * user).
 */
class RepoWebAppTest {

  static final String SECRET = "webapp-secret-webapp-secret-webapp";

  static Warden warden;
  static RepoWebApp app;
  static RepoWebApp verified;
  static HttpClient http;

  @BeforeAll
  static void start() throws IOException {
    warden =
        DemoData.warden(
            Path.of("../examples/quickstart/policy.warden"),
            Path.of("../examples/quickstart/grants.yaml"));
    app = new RepoWebApp(warden, null, "127.0.0.1", 0);
    app.start();
    verified =
        new RepoWebApp(warden, JwtVerifier.builder().hmacSecret(SECRET).build(), "127.0.0.1", 0);
    verified.start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    app.close();
    verified.close();
    warden.close();
  }

  static HttpResponse<String> get(String path, String header, String value)
      throws IOException, InterruptedException {
    return get(app, path, header == null ? Map.of() : Map.of(header, value));
  }

  static HttpResponse<String> get(RepoWebApp to, String path, Map<String, String> headers)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + to.port() + path))
            .timeout(Duration.ofSeconds(10));
    headers.forEach(b::header);
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aUserWhoMayReadGets200() throws Exception {
    HttpResponse<String> r = get("/repo/gmail", "X-User", "larry");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"repository\":\"gmail\",\"user\":\"larry\"}\n");
  }

  @Test
  void aUserWhoMayNotReadGetsTheSame404AsForAMissingRepository() throws Exception {
    HttpResponse<String> denied = get("/repo/gmail", "X-User", "anne");
    HttpResponse<String> missing = get("/repo/nope", "X-User", "anne");
    assertThat(denied.statusCode()).isEqualTo(404);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(denied.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"not_found\",\"message\":\"repository `gmail` not found\"}}\n");
    assertThat(missing.body()).isEqualTo(denied.body().replace("gmail", "nope"));
  }

  @Test
  void rolesImplyEachOther() throws Exception {
    // anne is maintainer of react, so contributor, so may read.
    assertThat(get("/repo/react", "X-User", "anne").statusCode()).isEqualTo(200);
    assertThat(get("/repo/oso", "X-User", "graham").statusCode()).isEqualTo(200);
    assertThat(get("/repo/gmail", "X-User", "graham").statusCode()).isEqualTo(404);
  }

  @Test
  void aVerifiedBearerTokenNamesTheUser() throws Exception {
    String token = DevTokens.mint("larry", SECRET, Duration.ofMinutes(5), null, null, Map.of());
    HttpResponse<String> r =
        get(verified, "/repo/gmail", Map.of("Authorization", "Bearer " + token));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).isEqualTo("{\"repository\":\"gmail\",\"user\":\"larry\"}\n");
  }

  @Test
  void withAVerifierXUserNamesNobody() throws Exception {
    HttpResponse<String> alone = get(verified, "/repo/gmail", Map.of("X-User", "larry"));
    assertThat(alone.statusCode()).isEqualTo(401);
    assertThat(alone.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");
    assertThat(alone.body()).doesNotContain("\"repository\"");
    assertThat(alone.body()).contains("bearer token");

    // anne may not read gmail: a header naming larry beside her token must not make her larry
    String anne = DevTokens.mint("anne", SECRET, Duration.ofMinutes(5), null, null, Map.of());
    HttpResponse<String> both =
        get(verified, "/repo/gmail", Map.of("Authorization", "Bearer " + anne, "X-User", "larry"));
    assertThat(both.statusCode()).isEqualTo(404);
    HttpResponse<String> hers =
        get(verified, "/repo/react", Map.of("Authorization", "Bearer " + anne, "X-User", "larry"));
    assertThat(hers.body()).isEqualTo("{\"repository\":\"react\",\"user\":\"anne\"}\n");
  }

  @Test
  void withoutAVerifierABearerTokenIsRefused() throws Exception {
    String token = DevTokens.mint("larry", SECRET, Duration.ofMinutes(5), null, null, Map.of());
    HttpResponse<String> r = get("/repo/gmail", "Authorization", "Bearer " + token);
    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.body()).contains("bearer tokens are not enabled");
  }

  @Test
  void noUserOrABadTokenIs401() throws Exception {
    HttpResponse<String> anonymous = get("/repo/gmail", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

    String forged =
        DevTokens.mint("larry", SECRET + "-forged", Duration.ofMinutes(5), null, null, Map.of());
    HttpResponse<String> bad =
        get(verified, "/repo/gmail", Map.of("Authorization", "Bearer " + forged));
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body())
        .isEqualTo(
            "{\"error\":{\"code\":\"unauthenticated\",\"message\":\"the bearer token's signature"
                + " does not verify with the configured key\"}}\n");
  }

  @Test
  void otherPathsAndMethodsAreRefused() throws Exception {
    assertThat(get("/", "X-User", "larry").statusCode()).isEqualTo(404);
    HttpResponse<String> post =
        http.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + "/repo/gmail"))
                .header("X-User", "larry")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
  }
}
