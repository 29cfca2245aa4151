package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  @Test
  void backoffDoublesWithJitterUpToTheCap() {
    RetryPolicy p = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofMillis(700));
    for (int i = 0; i < 200; i++) {
      assertThat(p.backoff(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
      assertThat(p.backoff(2, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
      assertThat(p.backoff(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
      assertThat(p.backoff(4, null)).isBetween(Duration.ofMillis(350), Duration.ofMillis(700));
      assertThat(p.backoff(60, null)).isBetween(Duration.ofMillis(350), Duration.ofMillis(700));
    }
  }

  @Test
  void jitterSpreadsTheWaits() {
    RetryPolicy p = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(1));
    assertThat(
            java.util.stream.IntStream.range(0, 50)
                .mapToObj(i -> p.backoff(1, null))
                .distinct()
                .count())
        .isGreaterThan(10);
  }

  @Test
  void retryAfterIsHonoredButCapped() {
    RetryPolicy p = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofSeconds(2));
    assertThat(p.backoff(1, Duration.ofSeconds(1))).isEqualTo(Duration.ofSeconds(1));
    assertThat(p.backoff(1, Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void badSettingsFailFast() {
    assertThatThrownBy(() -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO))
        .hasMessageContaining("maxRetries");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .hasMessageContaining("shorter than initialBackoff");
    assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
        .hasMessageContaining("negative");
    assertThat(RetryPolicy.NONE.maxRetries()).isZero();
    assertThat(RetryPolicy.retries(5).initialBackoff())
        .isEqualTo(RetryPolicy.DEFAULT.initialBackoff());
  }
}
