package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Warden;
import dev.warden.api.DecisionLog;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * A real server on an ephemeral loopback port with the quickstart policy and grants, and keys of
 * every kind; requests go through the JDK HTTP client.
 */
final class TestServer implements AutoCloseable {

  static final ObjectMapper JSON = new ObjectMapper();

  final Warden warden;
  final WardenServer server;
  final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final String admin;
  final String checker;
  final String writer;
  final String tenantKey;

  /** A response: status and parsed JSON body (null when the body is not JSON). */
  record Res(int status, JsonNode json, String text, HttpResponse<String> raw) {}

  TestServer() {
    this(ServerConfig.builder().port(0).build(), DecisionLog.NONE);
  }

  TestServer(ServerConfig config, DecisionLog log) {
    this(config, log, null);
  }

  /** A server over a backend opened from the configuration (a real store and audit log). */
  TestServer(ServerConfig config, Backend backend) {
    this(config, null, backend);
  }

  private TestServer(ServerConfig config, DecisionLog log, Backend backend) {
    KeyMaterial.Created a = KeyMaterial.create(Set.of(Scope.ADMIN), null);
    KeyMaterial.Created c = KeyMaterial.create(Set.of(Scope.CHECK), null);
    KeyMaterial.Created w = KeyMaterial.create(Set.of(Scope.WRITE), null);
    KeyMaterial.Created t = KeyMaterial.create(Set.of(Scope.CHECK), "acme");
    admin = a.text();
    checker = c.text();
    writer = w.text();
    tenantKey = t.text();
    ApiKeys keys = new ApiKeys(List.of(a.stored(), c.stored(), w.stored(), t.stored()));
    if (backend != null) {
      warden = backend.warden();
      server = WardenServer.start(config, backend, keys);
      return;
    }
    warden =
        Warden.builder()
            .policy(repoRoot().resolve("examples/full/policy.warden"))
            .options(config.engineOptions())
            .build();
    warden.grant(
        "Repository:gmail#admin@User:larry",
        "Repository:react#maintainer@User:anne",
        "Repository:oso#contributor@User:graham");
    MemoryPolicyVersions versions = new MemoryPolicyVersions(Clock.systemUTC(), warden);
    versions.add(source());
    server = WardenServer.start(config, warden, keys, versions, log);
  }

  /**
   * Opens the store (and audit log) of the configuration as {@code warden serve} does, with the
   * full example policy and, when the store is empty, the same three grants as {@link
   * #TestServer()}.
   */
  static Backend backend(ServerConfig config) {
    return Backend.open(
        config,
        new dev.warden.lang.SourceFile("examples/full/policy.warden", source()),
        w ->
            w.grant(
                "Repository:gmail#admin@User:larry",
                "Repository:react#maintainer@User:anne",
                "Repository:oso#contributor@User:graham"));
  }

  static Path repoRoot() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !p.resolve("examples").toFile().isDirectory()) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException(
          "cannot find the repository root from " + Path.of("").toAbsolutePath());
    }
    return p;
  }

  static String source() {
    try {
      return java.nio.file.Files.readString(repoRoot().resolve("examples/full/policy.warden"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.port() + path);
  }

  Res post(String path, String key, String body) {
    return send(request(path, key).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Res put(String path, String key, String body) {
    return send(request(path, key).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  Res get(String path, String key) {
    return send(request(path, key).GET().build());
  }

  HttpRequest.Builder request(String path, String key) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json");
    if (key != null) {
      b.header("Authorization", "Bearer " + key);
    }
    return b;
  }

  Res send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode n = null;
      try {
        n = JSON.readTree(r.body());
      } catch (IOException e) {
        // not JSON (metrics, SSE)
      }
      return new Res(r.statusCode(), n, r.body(), r);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static String check(String actor, String action, String resource) {
    String[] a = actor.split(":", 2);
    String[] r = resource.split(":", 2);
    return "{\"actor\":{\"type\":\""
        + a[0]
        + "\",\"id\":\""
        + a[1]
        + "\"},\"action\":\""
        + action
        + "\",\"resource\":{\"type\":\""
        + r[0]
        + "\",\"id\":\""
        + r[1]
        + "\"}}";
  }

  @Override
  public void close() {
    server.close();
  }
}
