package dev.warden.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code warden serve} in a JVM of its own, on a fresh SQLite file in a temporary directory, with
 * the quickstart policy and data and a new admin key: what {@link ServerLoad} loads from outside
 * the server's JVM. Run from the repository root (the quickstart files are found there).
 */
final class SpawnedServer {

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");
  private static final Pattern KEY = Pattern.compile("export WARDEN_KEY=(\\S+)");

  private final Process process;
  private final int port;
  private final String key;

  private SpawnedServer(Process process, int port, String key) {
    this.process = process;
    this.port = port;
    this.key = key;
  }

  /** Starts the server; returns once it listens and has printed its admin key. */
  static SpawnedServer start(Path jar, boolean durable) throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException(
          jar
              + " not found: build it with ./mvnw -q -B -ntp package -pl warden-cli -am -DskipTests");
    }
    Path dir = Files.createTempDirectory("warden-serverload");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-jar");
    cmd.add(jar.toAbsolutePath().toString());
    cmd.addAll(
        List.of(
            "serve",
            "--port",
            "0",
            "--store",
            "sqlite",
            "--db",
            dir.resolve("warden.db").toString(),
            "--keys-file",
            dir.resolve("keys.yaml").toString()));
    if (durable) {
      cmd.add("--audit-durable");
    }
    ProcessBuilder pb =
        new ProcessBuilder(cmd)
            .directory(dir.toFile())
            .redirectError(dir.resolve("serve.err").toFile());
    pb.environment().put("WARDEN_HOME", Path.of("").toAbsolutePath().toString());
    Process p = pb.start();
    AtomicInteger port = new AtomicInteger();
    AtomicReference<String> key = new AtomicReference<>();
    CountDownLatch ready = new CountDownLatch(2);
    Thread out =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = in.readLine()) != null) {
                  Matcher l = LISTENING.matcher(line);
                  Matcher k = KEY.matcher(line);
                  if (l.find()) {
                    port.set(Integer.parseInt(l.group(1)));
                    ready.countDown();
                  } else if (k.find()) {
                    key.set(k.group(1));
                    ready.countDown();
                  }
                }
              } catch (IOException e) {
                // the server stopped: its output ended
              }
            },
            "warden-serve-output");
    out.setDaemon(true);
    out.start();
    if (!ready.await(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException(
          "warden serve did not start within 120 s; see " + dir.resolve("serve.err"));
    }
    return new SpawnedServer(p, port.get(), key.get());
  }

  int port() {
    return port;
  }

  String key() {
    return key;
  }

  /** The server's {@code warden_audit_*} metric lines (appended, dropped, busy, queue depth). */
  List<String> auditMetrics() throws IOException, InterruptedException {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/metrics"))
                    .timeout(Duration.ofSeconds(30))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    return r.body().lines().filter(l -> l.startsWith("warden_audit_")).toList();
  }

  /** SIGTERM: the server shuts down gracefully (flushing its audit log). */
  void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
