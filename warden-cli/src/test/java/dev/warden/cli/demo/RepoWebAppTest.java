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

/** The quickstart repository app over real HTTP on loopback. */
class RepoWebAppTest {

  static final String SECRET = "webapp-secret-webapp-secret-webapp";

  static Warden warden;
  static RepoWebApp app;
  static HttpClient http;

  @BeforeAll
  static void start() throws IOException {
    warden =
        DemoData.warden(
            Path.of("../examples/quickstart/policy.warden"),
            Path.of("../examples/quickstart/grants.yaml"));
    app = new RepoWebApp(warden, JwtVerifier.builder().hmacSecret(SECRET).build(), "127.0.0.1", 0);
    app.start();
    http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  }

  @AfterAll
  static void stop() {
    app.close();
    warden.close();
  }

  static HttpResponse<String> get(String path, String header, String value)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.port() + path))
            .timeout(Duration.ofSeconds(10));
    if (header != null) {
      b.header(header, value);
    }
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
    assertThat(get("/repo/gmail", "Authorization", "Bearer " + token).statusCode()).isEqualTo(200);
  }

  @Test
  void noUserOrABadTokenIs401() throws Exception {
    HttpResponse<String> anonymous = get("/repo/gmail", null, null);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Bearer");

    String forged =
        DevTokens.mint("larry", SECRET + "-forged", Duration.ofMinutes(5), null, null, Map.of());
    HttpResponse<String> bad = get("/repo/gmail", "Authorization", "Bearer " + forged);
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
