package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WriteBatch;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/**
 * Retries against a scripted loopback server: idempotent calls are retried until the server
 * recovers or the retries run out; writes only when the server provably did not act.
 */
class RetryTest {

  static final CheckRequest CHECK = CheckRequest.of("User:larry", "read", "Repository:gmail");
  static final StubServer.Answer UNAVAILABLE = StubServer.Answer.error(503, "unavailable");
  static final StubServer.Answer NOT_READY = StubServer.Answer.error(503, "not_ready");

  static WardenClient client(StubServer stub, int retries) {
    return WardenClient.builder()
        .baseUrl(stub.baseUrl())
        .apiKey("wk_0123456789ab_secret")
        .retryPolicy(new RetryPolicy(retries, Duration.ofMillis(1), Duration.ofMillis(5)))
        .build();
  }

  @Test
  void idempotentCallsAreRetriedUntilTheServerRecovers() {
    try (StubServer stub = new StubServer(StubServer.ALLOWED).then(UNAVAILABLE, UNAVAILABLE)) {
      assertThat(client(stub, 3).check(CHECK).allowed()).isTrue();
      assertThat(stub.seen()).hasSize(3);
      assertThat(stub.seen())
          .extracting(StubServer.Seen::body)
          .containsOnly(stub.seen().get(0).body());
    }
  }

  @Test
  void asyncCallsAreRetriedWithoutBlocking() {
    try (StubServer stub = new StubServer(StubServer.ALLOWED).then(UNAVAILABLE, UNAVAILABLE)) {
      assertThat(client(stub, 3).checkAsync(CHECK).join().allowed()).isTrue();
      assertThat(stub.seen()).hasSize(3);
    }
  }

  @Test
  void retriesStopWhenTheyRunOut() {
    try (StubServer stub = new StubServer(UNAVAILABLE)) {
      assertThatThrownBy(() -> client(stub, 2).check(CHECK))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE);
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.serverCode()).isEqualTo("unavailable");
                assertThat(e.getMessage()).isEqualTo("scripted unavailable");
              });
      assertThat(stub.seen()).hasSize(3);
      assertThatThrownBy(() -> client(stub, 2).checkAsync(CHECK).join())
          .isInstanceOf(CompletionException.class)
          .hasCauseInstanceOf(WardenClientException.class);
      assertThat(stub.seen()).hasSize(6);
      assertThatThrownBy(
              () ->
                  client(stub, 0)
                      .lookupResources(
                          dev.warden.api.LookupResourcesRequest.of(
                              EntityRef.of("User", "a"), "read", "Repository")))
          .isInstanceOf(WardenClientException.class);
      assertThat(stub.seen()).hasSize(7);
    }
  }

  @Test
  void writesAreNotRetriedWhenTheServerMayHaveActed() {
    try (StubServer stub = new StubServer(StubServer.REVISION).then(UNAVAILABLE)) {
      WardenClient c = client(stub, 3);
      assertThatThrownBy(() -> c.grant("Repository:gmail#admin@User:larry"))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE));
      assertThat(stub.seen()).hasSize(1);
      stub.then(UNAVAILABLE);
      assertThatThrownBy(
              () -> c.setAttributes(EntityRef.of("Repository", "r"), Map.of("is_public", true)))
          .isInstanceOf(WardenClientException.class);
      stub.then(UNAVAILABLE);
      assertThatThrownBy(() -> c.activatePolicy("actor User {}"))
          .isInstanceOf(WardenClientException.class);
      assertThat(stub.seen()).hasSize(3);
    }
  }

  @Test
  void writesAreRetriedWhenTheServerRefusedThemUnread() {
    try (StubServer stub = new StubServer(StubServer.REVISION).then(NOT_READY, NOT_READY)) {
      assertThat(client(stub, 3).write(WriteBatch.touch("Repository:gmail#admin@User:larry")))
          .isEqualTo(7);
      assertThat(stub.seen()).hasSize(3);
      assertThat(stub.seen())
          .extracting(StubServer.Seen::path)
          .containsOnly("/v1/relationships/write");
    }
  }

  @Test
  void anAnswerFromSomethingElseIsUnavailableAndRetried() {
    StubServer.Answer proxy =
        new StubServer.Answer(502, "<html>bad gateway</html>", Map.of("Content-Type", "text/html"));
    try (StubServer stub = new StubServer(proxy)) {
      assertThatThrownBy(() -> client(stub, 1).check(CHECK))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(WardenClientException.Kind.UNAVAILABLE);
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.serverCode()).isNull();
                assertThat(e.getMessage())
                    .contains("HTTP 502", "POST /v1/check", "without a Warden error body");
              });
      assertThat(stub.seen()).hasSize(2);
    }
  }

  @Test
  void aBodyOfTheWrongShapeIsAProtocolErrorAndNotRetried() {
    try (StubServer stub =
        new StubServer(StubServer.Answer.json(200, "{\"allowed\":\"yes\",\"revision\":1}"))) {
      assertThatThrownBy(() -> client(stub, 3).check(CHECK))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(WardenClientException.Kind.PROTOCOL);
                assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
                assertThat(e.getMessage()).contains("POST /v1/check", "`allowed`");
              });
      assertThat(stub.seen()).hasSize(1);
    }
  }

  @Test
  void retryAfterIsHonoredUpToTheLongestBackoff() {
    StubServer.Answer busy =
        new StubServer.Answer(
            503,
            "{\"error\":{\"code\":\"unavailable\",\"message\":\"busy\",\"details\":[]}}",
            Map.of("Content-Type", "application/json", "Retry-After", "1"));
    try (StubServer stub = new StubServer(StubServer.ALLOWED).then(busy)) {
      WardenClient c =
          WardenClient.builder()
              .baseUrl(stub.baseUrl())
              .retryPolicy(new RetryPolicy(1, Duration.ofMillis(1), Duration.ofSeconds(5)))
              .build();
      long start = System.nanoTime();
      assertThat(c.check(CHECK).allowed()).isTrue();
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    }
  }

  @Test
  void oneConnectionIsKeptAliveAndReused() {
    try (StubServer stub = new StubServer(StubServer.ALLOWED)) {
      WardenClient c = client(stub, 0);
      for (int i = 0; i < 20; i++) {
        c.check(CHECK);
      }
      assertThat(stub.seen()).hasSize(20);
      assertThat(stub.seen())
          .extracting(StubServer.Seen::remotePort)
          .containsOnly(stub.seen().get(0).remotePort());
    }
  }

  @Test
  void requestsCarryTheKeyOnlyInTheAuthorizationHeader() {
    try (StubServer stub = new StubServer(StubServer.ALLOWED)) {
      client(stub, 0).check(CHECK);
      StubServer.Seen r = stub.seen().get(0);
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.header("Authorization")).isEqualTo("Bearer wk_0123456789ab_secret");
      assertThat(r.header("Content-Type")).isEqualTo("application/json");
      assertThat(r.header("User-Agent")).startsWith("warden-client/");
      assertThat(r.body()).doesNotContain("secret");
    }
  }

  @Test
  void aPathPrefixInTheBaseUrlIsKept() {
    try (StubServer stub = new StubServer(StubServer.ALLOWED)) {
      WardenClient c =
          WardenClient.builder().baseUrl(stub.baseUrl() + "/pdp/").maxRetries(0).build();
      c.check(CHECK);
      c.setAttributes(EntityRef.of("Repository", "a/b%c"), Map.of());
      assertThat(stub.seen())
          .extracting(StubServer.Seen::path)
          .containsExactly("/pdp/v1/check", "/pdp/v1/entities/Repository/a%2Fb%25c");
      assertThat(stub.seen().get(0).header("Authorization")).isNull();
    }
  }
}
