package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.CheckRequest;
import dev.warden.api.ErrorCode;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** A server that accepts and never answers: every call ends at the request timeout, clearly. */
class TimeoutTest {

  static final CheckRequest CHECK = CheckRequest.of("User:larry", "read", "Repository:gmail");

  static WardenClient client(SilentServer server, int retries) {
    return WardenClient.builder()
        .baseUrl(server.baseUrl())
        .requestTimeout(Duration.ofMillis(300))
        .retryPolicy(new RetryPolicy(retries, Duration.ofMillis(1), Duration.ofMillis(5)))
        .build();
  }

  @Test
  void aCheckTimesOutWithAClearError() {
    try (SilentServer server = new SilentServer()) {
      long start = System.nanoTime();
      assertThatThrownBy(() -> client(server, 0).check(CHECK))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(WardenClientException.Kind.TIMEOUT);
                assertThat(e.code()).isEqualTo(ErrorCode.UNAVAILABLE);
                assertThat(e.status()).isZero();
                assertThat(e.retryable()).isTrue();
                assertThat(e.getMessage()).contains("no answer", "PT0.3S", "POST /v1/check");
              });
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(took).isBetween(Duration.ofMillis(290), Duration.ofSeconds(10));
      assertThat(server.requests()).isEqualTo(1);
    }
  }

  @Test
  void idempotentCallsAreRetriedAfterATimeout() {
    try (SilentServer server = new SilentServer()) {
      assertThatThrownBy(() -> client(server, 2).check(CHECK))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> assertThat(e.kind()).isEqualTo(WardenClientException.Kind.TIMEOUT));
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> server.requests() == 3);
    }
  }

  @Test
  void aWriteThatTimedOutIsNotRetriedAndSaysItMayHaveBeenApplied() {
    try (SilentServer server = new SilentServer()) {
      assertThatThrownBy(() -> client(server, 3).grant("Repository:gmail#admin@User:larry"))
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(WardenClientException.Kind.TIMEOUT);
                assertThat(e.getMessage()).contains("may or may not have been applied");
              });
      Awaitility.await().during(Duration.ofMillis(200)).until(() -> server.requests() == 1);
    }
  }

  @Test
  void anAsyncCheckTimesOutWithoutBlockingTheCaller() {
    try (SilentServer server = new SilentServer()) {
      WardenClient c = client(server, 0);
      long start = System.nanoTime();
      CompletableFuture<?> f = c.checkAsync(CHECK);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(290));
      assertThatThrownBy(f::join)
          .isInstanceOf(CompletionException.class)
          .cause()
          .isInstanceOfSatisfying(
              WardenClientException.class,
              e -> assertThat(e.kind()).isEqualTo(WardenClientException.Kind.TIMEOUT));
    }
  }
}
