package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyFile;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Principal;
import dev.warden.server.auth.Scope;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigAndKeysTest {

  @TempDir Path dir;

  @Test
  void layersWinInOrderFileThenEnvironmentThenOptions() throws Exception {
    Path file = dir.resolve("warden.yaml");
    Files.writeString(file, "port: 9000\nbind: 127.0.0.2\nbody_limit: 2048\n");
    ServerConfig c =
        ConfigLoader.load(
            file,
            Map.of("WARDEN_PORT", "9100", "WARDEN_DB", "x.db", "HOME", "/"),
            Map.of("body_limit", "4096"));
    assertThat(c.port()).isEqualTo(9100);
    assertThat(c.bind()).isEqualTo("127.0.0.2");
    assertThat(c.db()).isEqualTo("x.db");
    assertThat(c.bodyLimitBytes()).isEqualTo(4096);
    assertThat(ConfigLoader.load(null, Map.of(), Map.of()).bind()).isEqualTo("127.0.0.1");
    assertThat(ConfigLoader.load(null, Map.of(), Map.of()).auditDurable()).isFalse();
    assertThat(
            ConfigLoader.load(null, Map.of("WARDEN_AUDIT_DURABLE", "true"), Map.of())
                .auditDurable())
        .isTrue();
    assertThat(
            ConfigLoader.load(
                    null, Map.of("WARDEN_AUDIT_DURABLE", "true"), Map.of("audit_durable", "false"))
                .auditDurable())
        .isFalse();
  }

  @Test
  void propertiesFilesWorkAndBadValuesAreNamed() throws Exception {
    Path file = dir.resolve("warden.properties");
    Files.writeString(file, "port=7000\n");
    assertThat(ConfigLoader.load(file, Map.of(), Map.of()).port()).isEqualTo(7000);
    assertThatThrownBy(() -> ConfigLoader.load(null, Map.of("WARDEN_PORT", "http"), Map.of()))
        .hasMessageContaining("`port`");
    Files.writeString(file, "prot=7000\n");
    assertThatThrownBy(() -> ConfigLoader.load(file, Map.of(), Map.of()))
        .hasMessageContaining("`prot`");
  }

  @Test
  void keysVerifyOnlyTheExactTextAndFilesKeepHashesOnly() throws Exception {
    KeyMaterial.Created k = KeyMaterial.create(Set.of(Scope.CHECK, Scope.WRITE), "acme");
    Path file = dir.resolve("keys.yaml");
    KeyFile.append(file, k.stored());
    String stored = Files.readString(file);
    assertThat(stored).doesNotContain(k.text().substring(16)).contains(k.stored().sha256());
    ApiKeys keys = new ApiKeys(KeyFile.read(file));
    Principal p = keys.verify(k.text());
    assertThat(p.keyId()).isEqualTo(k.stored().id());
    assertThat(p.tenant()).isEqualTo("acme");
    assertThat(p.has(Scope.WRITE)).isTrue();
    assertThat(p.has(Scope.ADMIN)).isFalse();
    assertThat(keys.verify(k.text() + "x")).isNull();
    assertThat(keys.verify(null)).isNull();
    assertThat(keys.verify("wk_" + k.stored().id() + "_")).isNull();
    assertThatThrownBy(() -> new ApiKeys(List.of(k.stored(), k.stored())))
        .hasMessageContaining("twice");
  }
}
