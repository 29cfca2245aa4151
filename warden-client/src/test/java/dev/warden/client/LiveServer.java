package dev.warden.client;

import dev.warden.Warden;
import dev.warden.api.DecisionLog;
import dev.warden.server.MemoryPolicyVersions;
import dev.warden.server.ServerConfig;
import dev.warden.server.WardenServer;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * The real server, in-process on an ephemeral loopback port, in front of a {@link Warden} the test
 * also holds (so answers can be compared with the embedded engine's over the very same data), with
 * API keys of every kind.
 */
final class LiveServer implements AutoCloseable {

  final Warden warden;
  final WardenServer server;
  final String admin;
  final String checker;
  final String writer;
  final String acmeChecker;

  /**
   * @param warden the engine to serve; closed with the server
   * @param source the policy text the server reports as version 1
   */
  LiveServer(Warden warden, String source, ServerConfig config, DecisionLog log) {
    this.warden = warden;
    KeyMaterial.Created a = KeyMaterial.create(Set.of(Scope.ADMIN), null);
    // clock: the end-to-end test replays checks at fixed times (context.now) to compare answers
    KeyMaterial.Created c = KeyMaterial.create(Set.of(Scope.CHECK, Scope.CLOCK), null);
    KeyMaterial.Created w = KeyMaterial.create(Set.of(Scope.WRITE), null);
    KeyMaterial.Created t = KeyMaterial.create(Set.of(Scope.CHECK), "acme");
    admin = a.text();
    checker = c.text();
    writer = w.text();
    acmeChecker = t.text();
    MemoryPolicyVersions versions = new MemoryPolicyVersions(Clock.systemUTC(), warden);
    versions.add(source);
    server =
        WardenServer.start(
            config,
            warden,
            new ApiKeys(List.of(a.stored(), c.stored(), w.stored(), t.stored())),
            versions,
            log);
  }

  /** One event loop on an ephemeral port; consistency waits end after 300 ms. */
  static ServerConfig config() {
    return ServerConfig.builder()
        .port(0)
        .insecureDev(false)
        .consistencyTimeout(Duration.ofMillis(300))
        .eventLoops(1)
        .shutdownGrace(Duration.ofSeconds(2))
        .audit(false)
        .build();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  /** A client with the key, no retries (tests of retrying build their own). */
  WardenClient client(String key) {
    return WardenClient.builder()
        .baseUrl(baseUrl())
        .apiKey(key)
        .maxRetries(0)
        .requestTimeout(Duration.ofSeconds(20))
        .build();
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !p.resolve("examples").toFile().isDirectory()) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("no repository root above " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static String read(String relative) {
    try {
      return Files.readString(repoRoot().resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.close();
  }
}
