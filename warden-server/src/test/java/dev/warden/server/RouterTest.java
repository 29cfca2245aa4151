package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The router matches the raw path, as the route table names it: no path Vert.x Web would normalize
 * into a route (dot segments, a percent-encoded letter) reaches one; a method a path does not serve
 * is 405 with {@code Allow} in route order; what the router refuses before routing (no Host) has
 * the documented error shape.
 */
class RouterTest {

  private static TestServer s;

  @BeforeAll
  static void start() {
    s = new TestServer();
  }

  @AfterAll
  static void stop() {
    s.close();
  }

  private static RawHttp.Response post(String target) {
    return RawHttp.exchange(
        s.server.port(),
        "POST",
        target,
        s.checker,
        TestServer.check("User:larry", "read", "Repository:gmail")
            .getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void pathsThatOnlyNormalizeToARouteAre404() {
    for (String target :
        new String[] {
          "/v1/./check", "/v1/%63heck", "/v1/x/../check", "/./v1/check", "/v1/check/."
        }) {
      RawHttp.Response r = post(target);
      assertThat(r.status()).as(target).isEqualTo(404);
      assertThat(r.json().at("/error/code").asText()).as(target).isEqualTo("not_found");
    }
    assertThat(post("/v1/check").status()).isEqualTo(200);
  }

  @Test
  void aPathParameterIsOneRawSegment() {
    RawHttp.Response r =
        RawHttp.exchange(
            s.server.port(),
            "PUT",
            "/v1/entities/Repository/a%2Fb",
            null,
            "{\"attributes\":{}}".getBytes(StandardCharsets.UTF_8));
    assertThat(r.status()).as(r.body()).isEqualTo(401);
    assertThat(r.headers()).containsEntry("www-authenticate", "Bearer");
  }

  @Test
  void aMethodThePathDoesNotServeIs405WithAllowInRouteOrder() {
    RawHttp.Response r =
        RawHttp.exchange(s.server.port(), "DELETE", "/v1/policy", s.admin, new byte[0]);
    assertThat(r.status()).isEqualTo(405);
    assertThat(r.headers()).containsEntry("allow", "GET, PUT");
    assertThat(r.json().at("/error/code").asText()).isEqualTo("method_not_allowed");
    RawHttp.Response head =
        RawHttp.exchange(s.server.port(), "HEAD", "/healthz", null, new byte[0]);
    assertThat(head.status()).isEqualTo(405);
    assertThat(head.headers()).containsEntry("allow", "GET");
  }

  @Test
  void aRequestWithoutHostIs400InTheDocumentedShape() {
    try (RawHttp c = new RawHttp(s.server.port())) {
      c.send("GET /healthz HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      RawHttp.Response r = c.read();
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.json().at("/error/code").asText()).isEqualTo("malformed_request");
      assertThat(r.json().at("/error/message").asText()).contains("Host");
      assertThat(c.closedByServer()).isTrue();
    }
  }
}
