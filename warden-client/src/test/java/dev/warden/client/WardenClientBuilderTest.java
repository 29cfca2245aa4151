package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The builder fails fast and precisely, and never repeats a secret. */
class WardenClientBuilderTest {

  @Test
  void aBaseUrlIsRequiredAndMustBeHttp() {
    assertThatThrownBy(() -> WardenClient.builder().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("base URL is required");
    assertThatThrownBy(() -> WardenClient.builder().baseUrl("ftp://x").build())
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> WardenClient.builder().baseUrl("localhost:7766").build())
        .hasMessageContaining("http:// or https://");
    assertThatThrownBy(() -> WardenClient.builder().baseUrl("http://h/?a=b").build())
        .hasMessageContaining("query");
    assertThatThrownBy(() -> WardenClient.builder().baseUrl("http://exa mple").build())
        .hasMessageContaining("not a URL");
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutBeingRepeated() {
    assertThatThrownBy(() -> WardenClient.builder().baseUrl("http://me:hunter2@host:7766").build())
        .hasMessageContaining("must not carry credentials")
        .hasMessageNotContaining("hunter2");
  }

  @Test
  void aKeyThatCannotBeAHeaderIsRefusedWithoutBeingRepeated() {
    assertThatThrownBy(() -> WardenClient.builder().apiKey("wk_abc_sec\r\nret"))
        .hasMessageContaining("position 10")
        .hasMessageNotContaining("sec");
    assertThatThrownBy(() -> WardenClient.builder().apiKey("  ")).hasMessageContaining("blank");
  }

  @Test
  void timeoutsMustBePositive() {
    assertThatThrownBy(() -> WardenClient.builder().requestTimeout(Duration.ZERO))
        .hasMessageContaining("requestTimeout must be positive");
    assertThatThrownBy(() -> WardenClient.builder().connectTimeout(Duration.ofSeconds(-1)))
        .hasMessageContaining("connectTimeout must be positive");
  }

  @Test
  void theClientShowsItsServerButNeverItsKey() {
    WardenClient c =
        WardenClient.builder()
            .baseUrl("http://127.0.0.1:7766///")
            .apiKey("wk_0123_topsecret")
            .build();
    assertThat(c.toString()).isEqualTo("WardenClient[http://127.0.0.1:7766]");
  }
}
