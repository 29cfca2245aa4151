package dev.warden.bench;

import dev.warden.Warden;
import dev.warden.api.DecisionLog;
import dev.warden.server.MemoryPolicyVersions;
import dev.warden.server.ServerConfig;
import dev.warden.server.WardenServer;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.HdrHistogram.Histogram;

/**
 * Load generator for the HTTP PDP over loopback: keep-alive HTTP/1.1 connections, one request at a
 * time each (no pipelining), spread over a few selector threads; reports throughput and latency
 * percentiles from a histogram. Bounded in time.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.warden.bench.ServerLoad --seconds 20 --connections 32
 *   [--threads 2] [--warmup 3] [--grants 100000] [--event-loops 2]
 *   [--target 127.0.0.1:7766 --key wk_...]   # an already running server instead of an in-process one
 *   [--serve warden-cli/target/warden.jar [--audit-durable]]   # warden serve in a JVM of its own
 * </pre>
 *
 * Without {@code --target} or {@code --serve} it starts a server in this JVM (quickstart policy
 * plus {@code --grants} synthetic grants, API-key authentication on) on an ephemeral loopback port.
 * {@code --serve JAR} starts {@code java -jar JAR serve} in its own JVM on a fresh SQLite file in a
 * temporary directory (quickstart data, audit on, durable with {@code --audit-durable}), loads it
 * from this JVM, prints its audit metrics, then stops it with SIGTERM: the way to compare audit
 * modes with the load generator outside the server's JVM.
 */
public final class ServerLoad {

  private ServerLoad() {}

  public static void main(String[] args) throws Exception {
    double seconds = 20;
    double warmup = 3;
    int connections = 32;
    int threads = 2;
    int grants = 100_000;
    int eventLoops = Runtime.getRuntime().availableProcessors();
    String target = null;
    String key = null;
    String serveJar = null;
    boolean durable = false;
    for (int i = 0; i < args.length; i += 2) {
      String a = args[i];
      String v = i + 1 < args.length ? args[i + 1] : null;
      switch (a) {
        case "--serve" -> serveJar = need(a, v);
        case "--audit-durable" -> {
          durable = true;
          i--; // a flag: no value follows
        }
        case "--seconds" -> seconds = Double.parseDouble(need(a, v));
        case "--warmup" -> warmup = Double.parseDouble(need(a, v));
        case "--connections" -> connections = Integer.parseInt(need(a, v));
        case "--threads" -> threads = Integer.parseInt(need(a, v));
        case "--grants" -> grants = Integer.parseInt(need(a, v));
        case "--event-loops" -> eventLoops = Integer.parseInt(need(a, v));
        case "--target" -> target = need(a, v);
        case "--key" -> key = need(a, v);
        default -> throw new IllegalArgumentException("unknown option " + a);
      }
    }
    WardenServer server = null;
    SpawnedServer spawned = null;
    InetSocketAddress address;
    if (serveJar != null) {
      spawned = SpawnedServer.start(Path.of(serveJar), durable);
      key = spawned.key();
      address = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), spawned.port());
    } else if (target == null) {
      KeyMaterial.Created k = KeyMaterial.create(Set.of(Scope.CHECK), null);
      key = k.text();
      server = inProcess(grants, eventLoops, new ApiKeys(List.of(k.stored())));
      address = new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), server.port());
    } else {
      int colon = target.lastIndexOf(':');
      // a numeric address only: the load generator targets exactly what it is told (loopback)
      address =
          new InetSocketAddress(
              java.net.InetAddress.getByAddress(parseIpv4(target.substring(0, colon))),
              Integer.parseInt(target.substring(colon + 1)));
    }
    boolean failed = false;
    try {
      LoadDriver.Result r =
          new LoadDriver(address, requests(key, grants), connections, threads).run(warmup, seconds);
      report(r, connections, threads, seconds);
      if (spawned != null) {
        System.out.println(
            "  server    warden serve, audit " + (durable ? "durable" : "default (async)"));
        spawned.auditMetrics().forEach(line -> System.out.println("  " + line));
      }
      failed = r.errors() > 0;
    } finally {
      if (server != null) {
        server.close();
      }
      if (spawned != null) {
        spawned.close();
      }
    }
    if (failed) {
      System.exit(1);
    }
  }

  private static byte[] parseIpv4(String host) {
    String[] parts = host.split("\\.", -1);
    if (parts.length != 4) {
      throw new IllegalArgumentException(
          "--target needs a numeric IPv4 address, such as 127.0.0.1");
    }
    byte[] b = new byte[4];
    for (int i = 0; i < 4; i++) {
      b[i] = (byte) Integer.parseInt(parts[i]);
    }
    return b;
  }

  private static String need(String option, String value) {
    if (value == null) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return value;
  }

  private static WardenServer inProcess(int grants, int eventLoops, ApiKeys keys) throws Exception {
    Path policy = Path.of("examples/quickstart/policy.warden");
    if (!Files.exists(policy)) {
      throw new IllegalStateException("run from the repository root: " + policy + " not found");
    }
    String source = Files.readString(policy);
    // in-process: the keys are passed to start(), so no keys file is read
    ServerConfig config =
        ServerConfig.builder()
            .port(0)
            .store("memory")
            .insecureDev(false)
            .eventLoops(eventLoops)
            .audit(false)
            .build();
    Warden warden = Warden.builder().policy("policy.warden", source).build();
    List<String> batch = new ArrayList<>();
    String[] roles = {"contributor", "maintainer", "admin"};
    for (int i = 0; i < grants; i++) {
      batch.add("Repository:r" + i + "#" + roles[i % 3] + "@User:u" + (i % 10_000));
      if (batch.size() == 10_000) {
        warden.grant(batch.toArray(String[]::new));
        batch.clear();
      }
    }
    if (!batch.isEmpty()) {
      warden.grant(batch.toArray(String[]::new));
    }
    MemoryPolicyVersions versions = new MemoryPolicyVersions(Clock.systemUTC(), warden);
    versions.add(source);
    return WardenServer.start(config, warden, keys, versions, DecisionLog.NONE);
  }

  /** A rotation of checks, allowed and denied, each a complete HTTP/1.1 request. */
  private static byte[][] requests(String key, int grants) {
    int n = 64;
    byte[][] out = new byte[n][];
    String[] actions = {"read", "push", "delete"};
    for (int i = 0; i < n; i++) {
      int repo = (int) ((i * 7919L) % Math.max(1, grants));
      int user = i % 2 == 0 ? repo % 10_000 : (repo + 1) % 10_000;
      String body =
          "{\"actor\":{\"type\":\"User\",\"id\":\"u"
              + user
              + "\"},\"action\":\""
              + actions[i % 3]
              + "\",\"resource\":{\"type\":\"Repository\",\"id\":\"r"
              + repo
              + "\"}}";
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      String head =
          "POST /v1/check HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
              + "Authorization: Bearer "
              + key
              + "\r\nContent-Length: "
              + b.length
              + "\r\n\r\n";
      out[i] = (head + body).getBytes(StandardCharsets.UTF_8);
    }
    return out;
  }

  private static void report(LoadDriver.Result r, int connections, int threads, double seconds) {
    Histogram h = r.latencyMicros();
    System.out.printf(
        "ServerLoad: %d connections on %d threads, %.0f s measured%n"
            + "  checks/s  %,.0f  (%,d requests, %d non-200)%n"
            + "  latency   p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  p99.9 %.2f ms  max %.2f ms%n",
        connections,
        threads,
        seconds,
        r.throughput(),
        r.requests(),
        r.errors(),
        h.getValueAtPercentile(50) / 1000.0,
        h.getValueAtPercentile(90) / 1000.0,
        h.getValueAtPercentile(99) / 1000.0,
        h.getValueAtPercentile(99.9) / 1000.0,
        h.getMaxValue() / 1000.0);
  }
}
