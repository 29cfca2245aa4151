package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.audit.AuditDatabase;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditPage;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditStore;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real server ({@code warden serve}, a separate JVM) over one SQLite file, SIGKILLed mid-load
 * again and again: after each kill, the answered decisions missing from the audit log are counted
 * and, after each restart, the server verifies the chain. Durable mode loses none; the default mode
 * loses at most what docs/audit.md#crash-window states (decisions answered in the last moments
 * before the kill, never more than the queue and one batch hold).
 */
class CrashLoopTest {

  private static final int KILLS = 3;
  private static final int CLIENTS = 4;

  /** The default mode's documented window: no record lost of a decision answered earlier. */
  private static final long WINDOW_MILLIS = 2000;

  /** Queue capacity plus the largest batch: the most decisions the default mode can hold. */
  private static final int MOST_HELD = 65_536 + 4096;

  private static final Pattern LISTENING = Pattern.compile("listening on http://[^:]+:(\\d+)");

  @TempDir Path dir;

  @Test
  void durableModeLosesNoAnsweredDecisionAcrossKills() throws Exception {
    List<Round> rounds = crashLoop(dir.resolve("durable.db"), true);
    for (Round r : rounds) {
      assertThat(r.missing()).as("answered decisions missing after kill (durable)").isZero();
    }
    System.out.println("crash loop, durable: " + rounds);
  }

  @Test
  void defaultModeLosesOnlyTheLastMomentsBeforeAKill() throws Exception {
    List<Round> rounds = crashLoop(dir.resolve("async.db"), false);
    for (Round r : rounds) {
      assertThat(r.missing()).as("missing after kill (default)").isLessThanOrEqualTo(MOST_HELD);
      assertThat(r.oldestMissingMillis())
          .as("age at the kill of the oldest answered decision missing (default)")
          .isLessThan(WINDOW_MILLIS);
    }
    System.out.println("crash loop, default: " + rounds);
  }

  /**
   * One kill.
   *
   * @param answered decisions answered 200 before the kill
   * @param missing of those, how many the audit log does not hold
   * @param oldestMissingMillis how long before the kill the oldest missing one was answered (0 when
   *     none is missing)
   */
  record Round(int answered, int missing, long oldestMissingMillis) {
    @Override
    public String toString() {
      return answered
          + " answered, "
          + missing
          + " missing (oldest "
          + oldestMissingMillis
          + " ms)";
    }
  }

  private List<Round> crashLoop(Path db, boolean durable) throws Exception {
    List<Round> rounds = new ArrayList<>();
    for (int kill = 0; kill <= KILLS; kill++) {
      Server s = Server.start(db, durable, dir);
      try {
        // the restarted server reads the chain the kill left behind
        HttpResponse<String> verify = s.get("/v1/audit/verify");
        assertThat(verify.statusCode()).as(verify.body()).isEqualTo(200);
        assertThat(verify.body()).as("chain after restart %d", kill).contains("\"intact\":true");
        if (kill == KILLS) {
          break;
        }
        Map<String, Long> answered = s.loadThenKill(150 + 100 * kill);
        rounds.add(count(db, answered, s.killedAt));
      } finally {
        s.destroy();
      }
    }
    return rounds;
  }

  /** Reads the file the killed server left (it is dead: nothing writes any more). */
  private static Round count(Path db, Map<String, Long> answered, long killedAt) {
    Set<String> recorded = new HashSet<>();
    try (AuditStore store = AuditStore.openExisting(AuditDatabase.sqlite(db))) {
      AuditQuery q = AuditQuery.builder().limit(AuditQuery.MAX_LIMIT).build();
      while (true) {
        AuditPage page = store.query(q);
        for (AuditEntry e : page.entries()) {
          recorded.add(e.event().decisionId());
        }
        if (page.nextCursor().isEmpty()) {
          break;
        }
        q = q.after(page.nextCursor().get());
      }
    }
    int missing = 0;
    long oldest = 0;
    for (Map.Entry<String, Long> e : answered.entrySet()) {
      if (!recorded.contains(e.getKey())) {
        missing++;
        oldest = Math.max(oldest, (killedAt - e.getValue()) / 1_000_000);
      }
    }
    return new Round(answered.size(), missing, oldest);
  }

  /** One {@code warden serve} process and the clients loading it. */
  private static final class Server {
    private final Process process;
    private final int port;
    private final HttpClient http = HttpClient.newHttpClient();
    long killedAt;

    private Server(Process process, int port) {
      this.process = process;
      this.port = port;
    }

    static Server start(Path db, boolean durable, Path dir) throws Exception {
      String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
      List<String> cmd =
          new ArrayList<>(
              List.of(
                  java,
                  "-Xmx256m",
                  "-XX:TieredStopAtLevel=1", // starts faster; the test measures loss, not speed
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "serve",
                  "--port",
                  "0",
                  "--event-loops",
                  "2",
                  "--store",
                  "sqlite",
                  "--db",
                  db.toString(),
                  "--policy",
                  repoRoot().resolve("examples/quickstart/policy.warden").toString(),
                  "--insecure-dev"));
      if (durable) {
        cmd.add("--audit-durable");
      }
      Process p =
          new ProcessBuilder(cmd)
              .directory(dir.toFile())
              .redirectError(dir.resolve("serve.err").toFile())
              .start();
      CountDownLatch listening = new CountDownLatch(1);
      AtomicInteger port = new AtomicInteger();
      Thread out =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                      port.set(Integer.parseInt(m.group(1)));
                      listening.countDown();
                    }
                  }
                } catch (IOException e) {
                  // killed: the pipe closed
                }
              });
      out.setDaemon(true);
      out.start();
      if (!listening.await(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("warden serve did not start; see " + dir.resolve("serve.err"));
      }
      return new Server(p, port.get());
    }

    HttpResponse<String> get(String path) throws Exception {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(30))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Loads the server from {@link #CLIENTS} threads until {@code minAnswered} are answered and as
     * long again has passed, then SIGKILLs it. Returns each decision answered 200, with when.
     */
    Map<String, Long> loadThenKill(int minAnswered) throws Exception {
      Map<String, Long> answered = new ConcurrentHashMap<>();
      AtomicBoolean running = new AtomicBoolean(true);
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int client = c;
        Thread t =
            new Thread(
                () -> {
                  HttpClient h = HttpClient.newHttpClient();
                  Pattern id = Pattern.compile("\"decision_id\":\"([^\"]+)\"");
                  for (int i = 0; running.get() && i < 200_000; i++) {
                    String body =
                        "{\"actor\":{\"type\":\"User\",\"id\":\"u"
                            + client
                            + "\"},\"action\":\"read\","
                            + "\"resource\":{\"type\":\"Repository\",\"id\":\"r"
                            + i
                            + "\"}}";
                    try {
                      HttpResponse<String> r =
                          h.send(
                              HttpRequest.newBuilder(
                                      URI.create("http://127.0.0.1:" + port + "/v1/check"))
                                  .timeout(Duration.ofSeconds(10))
                                  .header("Content-Type", "application/json")
                                  .POST(HttpRequest.BodyPublishers.ofString(body))
                                  .build(),
                              HttpResponse.BodyHandlers.ofString());
                      long at = System.nanoTime();
                      Matcher m = id.matcher(r.body());
                      if (r.statusCode() == 200 && m.find()) {
                        answered.put(m.group(1), at);
                      }
                    } catch (IOException e) {
                      return; // the server is gone
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                      return;
                    }
                  }
                });
        t.start();
        clients.add(t);
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (answered.size() < minAnswered && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
      assertThat(answered.size()).as("decisions answered before the kill").isGreaterThan(0);
      Thread.sleep(100);
      killedAt = System.nanoTime();
      process.destroyForcibly(); // SIGKILL: no shutdown hook, no flush
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      running.set(false);
      for (Thread t : clients) {
        t.join(30_000);
      }
      return Map.copyOf(answered);
    }

    void destroy() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
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
}
