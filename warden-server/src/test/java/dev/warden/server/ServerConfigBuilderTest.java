package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ServerConfigBuilderTest {

  @Test
  void aBuilderWithNoChangesBuildsTheSameConfiguration() {
    assertThat(ServerConfig.builder().build()).isEqualTo(ServerConfig.defaults());
    ServerConfig custom = ServerConfig.builder().port(9000).audit(false).build();
    assertThat(custom.toBuilder().build()).isEqualTo(custom);
  }

  @Test
  void eachSetterChangesItsComponentOnly() {
    ServerConfig d = ServerConfig.defaults();
    ServerConfig c =
        d.toBuilder()
            .bind("0.0.0.0")
            .port(1234)
            .bodyLimitBytes(4096)
            .store("postgres")
            .db("jdbc:postgresql://h/db")
            .policy(Path.of("p.warden"))
            .seedData(Path.of("seed.yaml"))
            .keysFile(Path.of("k.yaml"))
            .insecureDev(true)
            .consistencyTimeout(Duration.ofSeconds(9))
            .eventLoops(3)
            .watchPoll(Duration.ofMillis(7))
            .shutdownGrace(Duration.ofSeconds(1))
            .audit(false)
            .auditDurable(true)
            .limits(new HttpLimits(5, 6))
            .build();
    assertThat(c)
        .isEqualTo(
            new ServerConfig(
                "0.0.0.0",
                1234,
                4096,
                "postgres",
                "jdbc:postgresql://h/db",
                Path.of("p.warden"),
                Path.of("seed.yaml"),
                Path.of("k.yaml"),
                true,
                Duration.ofSeconds(9),
                3,
                Duration.ofMillis(7),
                Duration.ofSeconds(1),
                false,
                true,
                new HttpLimits(5, 6)));
    assertThat(d).isEqualTo(ServerConfig.defaults());
  }

  @Test
  void buildValidatesLikeTheConstructor() {
    assertThatThrownBy(() -> ServerConfig.builder().port(70_000).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("port");
    assertThatThrownBy(() -> ServerConfig.builder().bodyLimitBytes(10).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("body limit");
  }
}
