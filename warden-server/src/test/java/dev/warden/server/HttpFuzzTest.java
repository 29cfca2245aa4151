package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Mutation;
import dev.warden.server.HostileRequests.Expect;
import dev.warden.server.HostileRequests.Request;
import dev.warden.server.HostileRequests.Tag;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.PercentDecoding;
import dev.warden.store.SnapshotVisitor;
import dev.warden.store.TupleStore;
import dev.warden.wire.RequestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of hostile requests ({@link HostileRequests}) over every documented operation, on a
 * real server over a SQLite file and over the real PostgreSQL. For each answer:
 *
 * <ul>
 *   <li>no 5xx, except a documented 503 ({@code consistency_timeout}, {@code consistency_busy} with
 *       {@code Retry-After});
 *   <li>every 4xx has the documented shape: {@code {"error":{"code","message","details"}}} as
 *       {@code application/json}, a code that docs/server.md lists for that status, no stack trace,
 *       Java class or SQL text; 401 carries {@code WWW-Authenticate}, 405 {@code Allow};
 *   <li>a request the rules say must be refused is refused (with the predicted status);
 *   <li>a refused request changes nothing: revision, every exported grant and attribute set, the
 *       active policy version and the list of versions are as before;
 *   <li>an accepted write stored what it said: the grants written are there, the attributes set
 *       read back equal, the policy activated is the one stored.
 * </ul>
 *
 * Requests go one at a time over a raw socket (the JDK client refuses malformed targets and
 * headers), so the state after one answer is the state before the next. The seed is printed; rerun
 * one with {@code -Dwarden.fuzz.seed=N}, change the count with {@code -Dwarden.fuzz.requests=N}.
 */
class HttpFuzzTest {

  /** Statuses openapi.json documents once for every operation (info.description). */
  private static final Set<Integer> GENERIC = Set.of(413, 414, 431);

  private static final long SEED = seed();
  private static final int REQUESTS = Integer.getInteger("warden.fuzz.requests", 2500);
  private static final String ADMIN_URL =
      System.getProperty(
          "warden.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What an internal detail looks like in a message: a class, a stack frame, SQL, a driver. */
  private static final Pattern LEAK =
      Pattern.compile(
          "(?i)(exception|\\bjava\\.|\\bjavax\\.|\\bjdk\\.|dev\\.warden\\.|com\\.fasterxml"
              + "|io\\.vertx|io\\.netty|\\borg\\.[a-z]|sqlite|postgres|jdbc|sqlstate"
              + "|\\bselect\\b.*\\bfrom\\b|\\binsert into\\b|\\bdelete from\\b|\\.java:\\d"
              + "|\\tat |StreamReadConstraints|stack ?trace|\\bget[A-Z][A-Za-z]+\\(\\))");

  @TempDir Path dir;

  private static long seed() {
    String s = System.getProperty("warden.fuzz.seed", "20261204");
    return s.equals("random") ? System.nanoTime() : Long.parseLong(s);
  }

  @Test
  void hostileRequestsOnASqliteFile() throws Exception {
    run(
        "sqlite",
        ServerConfig.builder()
            .port(0)
            .store("sqlite")
            .db(dir.resolve("warden.db").toString())
            .consistencyTimeout(java.time.Duration.ofMillis(50))
            .build());
  }

  @Test
  void hostileRequestsOnPostgres() throws Exception {
    String database =
        "warden_fuzz_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    try {
      run(
          "postgres",
          ServerConfig.builder()
              .port(0)
              .store("postgres")
              .db("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres")
              .consistencyTimeout(java.time.Duration.ofMillis(50))
              .build());
    } finally {
      try (Connection c = DriverManager.getConnection(ADMIN_URL);
          Statement s = c.createStatement()) {
        s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
      }
    }
  }

  /** A server with the full example policy, its seed grants and one key of each kind. */
  private record Fixture(Backend backend, WardenServer server, HostileRequests.Keys keys) {
    TupleStore store() {
      return backend.warden().store();
    }

    dev.warden.store.PolicyStore policies() {
      return dev.warden.store.PolicyStore.of(store());
    }
  }

  private void run(String name, ServerConfig config) throws Exception {
    KeyMaterial.Created admin = KeyMaterial.create(Set.of(Scope.ADMIN), null);
    KeyMaterial.Created check = KeyMaterial.create(Set.of(Scope.CHECK), null);
    KeyMaterial.Created write = KeyMaterial.create(Set.of(Scope.WRITE), null);
    KeyMaterial.Created clock = KeyMaterial.create(Set.of(Scope.CHECK, Scope.CLOCK), null);
    KeyMaterial.Created bound = KeyMaterial.create(Set.of(Scope.CHECK), "acme");
    HostileRequests.Keys keys =
        new HostileRequests.Keys(
            admin.text(), check.text(), write.text(), clock.text(), bound.text());
    Backend backend = TestServer.backend(config);
    WardenServer server =
        WardenServer.start(
            config,
            backend,
            new ApiKeys(
                List.of(
                    admin.stored(),
                    check.stored(),
                    write.stored(),
                    clock.stored(),
                    bound.stored())));
    Fixture f = new Fixture(backend, server, keys);
    Map<Integer, String> codes = documentedCodes();
    try {
      calibrate(f, keys);
      HostileRequests gen = new HostileRequests(SEED, keys, TestServer.source());
      System.out.println(
          "fuzz "
              + name
              + ": seed "
              + SEED
              + " (-Dwarden.fuzz.seed="
              + SEED
              + "), "
              + REQUESTS
              + " requests");
      List<String> failures = new ArrayList<>();
      Map<Tag, int[]> perTag = new EnumMap<>(Tag.class);
      Map<Integer, Integer> perStatus = new TreeMap<>();
      Map<String, Integer> undocumented = new TreeMap<>();
      // the five slowest answers (a min-heap on time), printed to spot expensive requests
      java.util.PriorityQueue<long[]> slowest =
          new java.util.PriorityQueue<>(java.util.Comparator.comparingLong((long[] x) -> x[0]));
      long start = System.nanoTime();
      String before = snapshot(f);
      int refused = 0;
      for (int i = 0; i < REQUESTS; i++) {
        Request r = gen.next();
        long sent = System.nanoTime();
        Answer a = send(server.port(), r);
        slowest.add(new long[] {System.nanoTime() - sent, r.n()});
        if (slowest.size() > 5) {
          slowest.poll();
        }
        perTag
            .computeIfAbsent(r.tag(), t -> new int[2])[
            a.status() >= 400 || a.status() == 0 ? 1 : 0]++;
        perStatus.merge(a.status(), 1, Integer::sum);
        HostileRequests.Operation op = r.operation() == null ? null : gen.operation(r.operation());
        if (op != null
            && a.status() > 0
            && r.tag() != Tag.WRONG_METHOD
            && !GENERIC.contains(a.status())
            && !op.documented().contains(a.status())) {
          undocumented.merge(op.name() + " " + a.status() + " " + a.code(), 1, Integer::sum);
        }
        List<String> problems = new ArrayList<>();
        judge(r, a, codes, problems);
        String after = snapshot(f);
        boolean rejected = a.status() >= 400 || a.status() == 0;
        if (rejected) {
          refused++;
          if (!after.equals(before)) {
            problems.add("a refused request changed the state:\n" + diff(before, after));
          }
        } else if (a.status() < 300) {
          problems.addAll(storedAsSent(f, r, a));
        }
        for (String p : problems) {
          failures.add(r.describe() + "\n  -> " + a.summary() + "\n  " + p);
        }
        // keep the fixture usable after an accepted request that the fuzzer did not mean to
        // land (a delete of every grant, another policy)
        if (!rejected && restore(f, r, a)) {
          after = snapshot(f);
        }
        before = after;
      }
      long millis = (System.nanoTime() - start) / 1_000_000;
      System.out.println(
          "fuzz "
              + name
              + ": "
              + REQUESTS
              + " requests in "
              + millis
              + " ms, "
              + refused
              + " refused; statuses "
              + perStatus);
      StringBuilder slow = new StringBuilder();
      slowest.stream()
          .sorted(java.util.Comparator.comparingLong((long[] x) -> -x[0]))
          .forEach(
              x ->
                  slow.append(" #").append(x[1]).append('=').append(x[0] / 1_000_000).append("ms"));
      System.out.println("fuzz " + name + ": slowest answers" + slow);
      System.out.println(
          "fuzz "
              + name
              + ": statuses openapi.json does not list for the operation "
              + undocumented);
      StringBuilder tags = new StringBuilder();
      perTag.forEach(
          (t, c) -> tags.append(' ').append(t).append('=').append(c[0]).append('/').append(c[1]));
      System.out.println("fuzz " + name + ": accepted/refused per tag:" + tags);
      failures.stream().limit(60).forEach(p -> System.out.println("  FAILURE: " + p));
      assertThat(failures)
          .as(
              "%s: seed %d (rerun with -Dwarden.fuzz.seed=%d), %d requests, %d failures",
              name, SEED, SEED, REQUESTS, failures.size())
          .isEmpty();
      assertThat(undocumented)
          .as("statuses that openapi.json does not list for the operation, seed %d", SEED)
          .isEmpty();
      // the server is still whole: healthy, answering, its audit chain intact
      Answer health = send(server.port(), get("/healthz", null));
      assertThat(health.status()).isEqualTo(200);
      Answer verify = send(server.port(), get("/v1/audit/verify", keys.admin()));
      assertThat(verify.status()).as(verify.body()).isEqualTo(200);
      assertThat(verify.json().get("intact").asBoolean()).as(verify.body()).isTrue();
    } finally {
      server.close();
    }
  }

  /** Each operation's valid request is accepted: the mutations start from something valid. */
  private static void calibrate(Fixture f, HostileRequests.Keys keys) {
    HostileRequests gen =
        new HostileRequests(SEED ^ 0x5DEECE66DL, keys, TestServer.source(), 1_000_000);
    for (int round = 0; round < 8; round++) {
      // valid requests choose among a few forms at random: several rounds try them all
      for (HostileRequests.Operation op : gen.operations()) {
        Request r = gen.nextValid(op);
        Answer a = send(f.server().port(), r);
        assertThat(a.status()).as("%s\n-> %s", r.describe(), a.summary()).isEqualTo(200);
      }
    }
  }

  private static Request get(String target, String key) {
    List<String[]> headers = new ArrayList<>();
    if (key != null) {
      headers.add(new String[] {"Authorization", "Bearer " + key});
    }
    return new Request(
        0, Tag.VALID, null, "check", "GET", target, headers, new byte[0], -1, Expect.ANY, false);
  }

  // ------------------------------------------------------------------ judging an answer

  private static void judge(
      Request r, Answer a, Map<Integer, String> codes, List<String> problems) {
    int s = a.status();
    Expect e = r.expect();
    if (s == 0) {
      if (!r.halfClose()) {
        problems.add("no answer: " + a.body());
      }
      return;
    }
    if (s >= 500) {
      boolean documented503 =
          s == 503
              && Set.of("consistency_timeout", "consistency_busy", "audit_busy").contains(a.code())
              && a.headers().containsKey("retry-after");
      if (!documented503) {
        problems.add("a server error");
      }
    }
    if (s >= 400) {
      problems.addAll(shape(r, a, codes));
    }
    if (e.reject() && s < 400) {
      problems.add("accepted, but the rules say it must be refused" + statuses(e));
    } else if (e.reject() && !e.statuses().isEmpty() && !e.statuses().contains(s) && s < 500) {
      problems.add("refused with " + s + ", expected" + statuses(e));
    }
  }

  private static String statuses(Expect e) {
    return e.statuses().isEmpty() ? " (any 4xx)" : " " + e.statuses();
  }

  /** The documented error shape, for any 4xx or 5xx. */
  private static List<String> shape(Request r, Answer a, Map<Integer, String> codes) {
    List<String> p = new ArrayList<>();
    String type = a.headers().getOrDefault("content-type", "");
    if (!type.startsWith("application/json")) {
      p.add("an error answered as `" + type + "`, not application/json");
    }
    JsonNode n = a.json();
    if (n == null || !n.isObject()) {
      p.add("an error body that is not a JSON object");
      return p;
    }
    List<String> top = new ArrayList<>();
    n.fieldNames().forEachRemaining(top::add);
    JsonNode err = n.get("error");
    if (!top.equals(List.of("error")) || err == null || !err.isObject()) {
      p.add("an error body that is not {\"error\":{...}}");
      return p;
    }
    List<String> fields = new ArrayList<>();
    err.fieldNames().forEachRemaining(fields::add);
    if (!new java.util.HashSet<>(fields).equals(Set.of("code", "message", "details"))) {
      p.add("error fields " + fields + ", documented: code, message, details");
    }
    if (!err.path("code").isTextual()
        || !err.path("message").isTextual()
        || err.path("message").asText().isBlank()
        || !err.path("details").isArray()) {
      p.add("error fields of the wrong types");
      return p;
    }
    err.path("details")
        .forEach(
            d -> {
              if (!d.isTextual()) {
                p.add("a detail that is not a string: " + d);
              }
            });
    String code = err.get("code").asText();
    String allowed = codes.getOrDefault(a.status(), "");
    if (!Set.of(allowed.split(",")).contains(code)) {
      p.add(
          "code `"
              + code
              + "` is not documented for "
              + a.status()
              + " (docs/server.md: "
              + allowed
              + ")");
    }
    if (a.status() == 401 && !"Bearer".equals(a.headers().get("www-authenticate"))) {
      p.add("401 without `WWW-Authenticate: Bearer`");
    }
    if (a.status() == 405 && a.headers().getOrDefault("allow", "").isBlank()) {
      p.add("405 without `Allow`");
    }
    String sent = new String(r.bytes(), StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
    StringBuilder text = new StringBuilder(err.get("message").asText());
    err.path("details").forEach(d -> text.append('\n').append(d.asText()));
    Matcher m = LEAK.matcher(text);
    while (m.find()) {
      // a message may quote the request; only text the caller did not send is a leak
      if (!sent.contains(m.group().toLowerCase(Locale.ROOT))) {
        p.add("internal detail `" + m.group() + "` in the error: " + text);
        break;
      }
    }
    return p;
  }

  /**
   * The statuses of docs/server.md's error table, each with its codes: the rows {@code | 400 |
   * `malformed_json` | ...}.
   */
  static Map<Integer, String> documentedCodes() throws IOException {
    String doc = Files.readString(TestServer.repoRoot().resolve("docs/server.md"));
    String errors = doc.substring(doc.indexOf("## Errors"));
    errors = errors.substring(0, errors.indexOf("\n## ", 5));
    Map<Integer, String> out = new LinkedHashMap<>();
    Matcher row = Pattern.compile("(?m)^\\| (\\d{3}) \\| ([^|]+) \\|").matcher(errors);
    while (row.find()) {
      List<String> codes = new ArrayList<>();
      Matcher c = Pattern.compile("`([a-z_]+)`").matcher(row.group(2));
      while (c.find()) {
        codes.add(c.group(1));
      }
      out.merge(Integer.parseInt(row.group(1)), String.join(",", codes), (x, y) -> x + "," + y);
    }
    assertThat(out).as("the error table of docs/server.md").containsKeys(400, 401, 404, 422);
    return out;
  }

  // ------------------------------------------------------------------ state

  /** Everything a request could change: revisions, every grant and attribute set, the policy. */
  private static String snapshot(Fixture f) {
    TupleStore store = f.store();
    List<String> lines = new ArrayList<>();
    long revision =
        store.scan(
            new SnapshotVisitor() {
              @Override
              public void grant(Grant g) {
                lines.add("grant " + g);
              }

              @Override
              public void attributes(EntityRef entity, Map<String, Object> attributes) {
                lines.add("attributes " + entity + " " + attributes);
              }
            });
    java.util.Collections.sort(lines);
    StringBuilder sb = new StringBuilder();
    sb.append("store revision ").append(revision).append('\n');
    sb.append("engine revision ").append(f.backend().warden().revision()).append('\n');
    sb.append("active policy ")
        .append(f.policies().activePolicy().map(v -> v.version() + " " + v.source().hashCode()))
        .append('\n');
    sb.append("policy versions ").append(f.policies().policyVersions().size()).append('\n');
    sb.append("engine policy ")
        .append(System.identityHashCode(f.backend().warden().policy()))
        .append('\n');
    lines.forEach(l -> sb.append(l).append('\n'));
    return sb.toString();
  }

  private static String diff(String before, String after) {
    List<String> b = List.of(before.split("\n"));
    List<String> a = List.of(after.split("\n"));
    StringBuilder sb = new StringBuilder();
    b.stream()
        .filter(l -> !a.contains(l))
        .limit(10)
        .forEach(l -> sb.append("  - ").append(HostileRequests.shorten(l, 200)).append('\n'));
    a.stream()
        .filter(l -> !b.contains(l))
        .limit(10)
        .forEach(l -> sb.append("  + ").append(HostileRequests.shorten(l, 200)).append('\n'));
    return sb.toString();
  }

  /** An accepted write stored what it sent: its grants, its attributes, its policy. */
  private static List<String> storedAsSent(Fixture f, Request r, Answer a) {
    List<String> p = new ArrayList<>();
    if (r.operation() == null || r.tag() == Tag.WRONG_METHOD) {
      return p;
    }
    JsonNode body;
    try {
      body = Json.mapper().readTree(r.body());
    } catch (IOException e) {
      return p; // not JSON: nothing was written from it
    }
    if (body == null || !body.isObject()) {
      return p;
    }
    TupleStore store = f.store();
    switch (r.operation()) {
      case "POST /v1/relationships/write" -> {
        for (Mutation m : RequestCodec.decodeWrite(body).mutations()) {
          Grant g =
              m instanceof Mutation.Touch t
                  ? t.grant()
                  : m instanceof Mutation.Create c ? c.grant() : null;
          if (g != null && !exactly(store, g).contains(g)) {
            p.add("accepted, but grant `" + g + "` reads back as " + exactly(store, g));
          }
        }
      }
      case "PUT /v1/entities/{type}/{id}" -> {
        String target = r.target();
        String[] seg =
            target
                .substring(0, target.indexOf('?') < 0 ? target.length() : target.indexOf('?'))
                .split("/", -1);
        EntityRef entity =
            EntityRef.of(PercentDecoding.pathSegment(seg[3]), PercentDecoding.pathSegment(seg[4]));
        JsonNode sent = body.get("attributes");
        JsonNode stored = JSON.valueToTree(store.attributes(entity));
        if (!sent.equals(HttpFuzzTest::sameValue, stored)) {
          p.add(
              "accepted, but the attributes of "
                  + entity
                  + " read back as "
                  + HostileRequests.shorten(stored.toString(), 300));
        }
      }
      case "PUT /v1/policy" -> {
        if (a.json() != null && a.json().path("activated").asBoolean()) {
          String source = body.get("source").textValue();
          String active = f.policies().activePolicy().map(v -> v.source()).orElse(null);
          if (!source.equals(active)) {
            p.add("accepted, but the active policy in the store is not the source sent");
          }
        }
      }
      default -> {
        // reads and checks store nothing
      }
    }
    return p;
  }

  private static List<Grant> exactly(TupleStore store, Grant g) {
    GrantFilter filter =
        new GrantFilter(
            g.resource().type(),
            g.resource().id(),
            g.relation(),
            g.subject().type(),
            g.subject().id(),
            g.subject().relation());
    return store.read(filter, null, 10).items();
  }

  /** Numbers compare by value (a stored 3 may come back as 3.0); everything else exactly. */
  private static int sameValue(JsonNode x, JsonNode y) {
    if (x.isNumber() && y.isNumber()) {
      return Double.compare(x.doubleValue(), y.doubleValue()) == 0 ? 0 : 1;
    }
    return x.equals(y) ? 0 : 1;
  }

  /**
   * Puts the fixture back after an accepted request that took away what later requests build on: a
   * delete of every grant re-seeds, another policy gives way to the example's. Returns true when it
   * changed something.
   */
  private static boolean restore(Fixture f, Request r, Answer a) {
    var warden = f.backend().warden();
    if (r.tag() == Tag.DELETE_ALL_FILTER) {
      warden.grant(
          "Repository:gmail#admin@User:larry",
          "Repository:react#maintainer@User:anne",
          "Repository:oso#contributor@User:graham");
      return true;
    }
    if ("PUT /v1/policy".equals(r.operation())
        && a.json() != null
        && a.json().path("activated").asBoolean()
        && !f.policies()
            .activePolicy()
            .map(v -> v.source())
            .orElse("")
            .equals(TestServer.source())) {
      JsonNode body = JSON.createObjectNode().put("source", TestServer.source());
      List<String[]> headers = new ArrayList<>();
      headers.add(new String[] {"Authorization", "Bearer " + f.keys().admin()});
      byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
      Answer back =
          send(
              f.server().port(),
              new Request(
                  0,
                  Tag.VALID,
                  "PUT /v1/policy",
                  "restore",
                  "PUT",
                  "/v1/policy",
                  headers,
                  bytes,
                  bytes.length,
                  Expect.ANY,
                  false));
      assertThat(back.status()).as(back.body()).isEqualTo(200);
      return true;
    }
    return false;
  }

  // ------------------------------------------------------------------ the wire

  /** An answer: status (0 when the server closed without one), headers (lower case), body. */
  record Answer(int status, Map<String, String> headers, String body) {
    JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        return null;
      }
    }

    String code() {
      JsonNode n = json();
      return n == null ? "" : n.path("error").path("code").asText("");
    }

    String summary() {
      return status + " " + HostileRequests.shorten(body.replace('\n', ' '), 400);
    }
  }

  /** Sends one request on a new connection and reads one answer (the head only for a stream). */
  static Answer send(int port, Request r) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(20_000);
      OutputStream out = socket.getOutputStream();
      try {
        out.write(r.bytes());
        out.flush();
        if (r.halfClose()) {
          socket.shutdownOutput();
        }
      } catch (IOException e) {
        // the server may answer and close before reading everything (413): read what it said
      }
      InputStream in = socket.getInputStream();
      String status = line(in);
      if (status == null || !status.startsWith("HTTP/1.")) {
        return new Answer(0, Map.of(), "closed: " + status);
      }
      Map<String, String> headers = new LinkedHashMap<>();
      for (String l = line(in); l != null && !l.isEmpty(); l = line(in)) {
        int colon = l.indexOf(':');
        if (colon > 0) {
          headers.put(
              l.substring(0, colon).trim().toLowerCase(Locale.ROOT), l.substring(colon + 1).trim());
        }
      }
      String length = headers.get("content-length");
      byte[] body = length == null ? new byte[0] : in.readNBytes(Integer.parseInt(length));
      return new Answer(
          Integer.parseInt(status.substring(9, 12)),
          headers,
          new String(body, StandardCharsets.UTF_8));
    } catch (SocketTimeoutException e) {
      return new Answer(0, Map.of(), "no answer within 20 s");
    } catch (IOException e) {
      return new Answer(0, Map.of(), "connection failed: " + e.getMessage());
    }
  }

  private static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      b.write(c);
    }
    return b.size() == 0 ? null : b.toString(StandardCharsets.ISO_8859_1);
  }
}
