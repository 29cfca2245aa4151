package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.EntityRef;
import dev.warden.api.GrantFilter;
import dev.warden.lang.SourceFile;
import dev.warden.server.auth.ApiKey;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every route × key scope × tenant binding, over real HTTP, on a SQLite file and on the real
 * PostgreSQL. The store holds resources in tenants A and B; each case asserts the status, the data
 * answered (what a key bound to A sees of B), and, for every refused request, that no state
 * changed.
 *
 * <p>The expected outcome comes from the rules as documented in docs/server.md (this test's own
 * model, not the server's code): a key lacking the route's scope is 403; a tenant-bound key is 403
 * on every route that is not tenant-scoped (grants, entities, policy, watch, audit verify) and on a
 * request naming another tenant; a request sending {@code context.now} without scope {@code clock}
 * is 403 (admin does not imply it); otherwise 200 with the data of the caller's tenant.
 */
class AuthMatrixTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN_URL =
      System.getProperty(
          "warden.test.postgres", "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres");
  private static final String PAST = "2023-01-01T00:00:00Z";

  /** The keys of the matrix: each scope set, unbound and bound to tenant A, and no key at all. */
  private static final List<Set<Scope>> SCOPES =
      List.of(
          EnumSet.of(Scope.CHECK),
          EnumSet.of(Scope.WRITE),
          EnumSet.of(Scope.ADMIN),
          EnumSet.of(Scope.CHECK, Scope.CLOCK));

  private static final List<Fixture> FIXTURES = new ArrayList<>();
  private static String database;
  private static Path dir;

  /** A key of the matrix; {@code text} is null for "no key". */
  record Key(String name, Set<Scope> scopes, String tenant, String text) {
    boolean has(Scope s) {
      return scopes.contains(s) || (s != Scope.CLOCK && scopes.contains(Scope.ADMIN));
    }

    boolean bound() {
      return tenant != null;
    }
  }

  /** An answer: status, body text and its JSON (null when not JSON). */
  record Res(int status, String text, JsonNode json, String contentType) {}

  /** A server over one backend, with the matrix's keys. */
  record Fixture(String name, Backend backend, WardenServer server, List<Key> keys) {}

  /**
   * One kind of request.
   *
   * @param needs the scope the route needs
   * @param confined true when a tenant-bound key may call it (answered inside its tenant)
   * @param otherTenant true when the request names tenant B explicitly
   * @param sendsNow true when it sends {@code context.now}
   * @param prepare sets up state the request needs, before the state is compared
   * @param send sends it as the key; the case number makes written ids unique
   * @param ok what a 200 answer must hold for the key
   */
  record Probe(
      String name,
      Scope needs,
      boolean confined,
      boolean otherTenant,
      boolean sendsNow,
      Consumer<Call> prepare,
      BiFunction<Call, Key, Res> send,
      BiConsumer<Key, Res> ok) {

    Probe(
        String name,
        Scope needs,
        boolean confined,
        boolean otherTenant,
        boolean sendsNow,
        BiFunction<Call, Key, Res> send,
        BiConsumer<Key, Res> ok) {
      this(name, needs, confined, otherTenant, sendsNow, c -> {}, send, ok);
    }
  }

  /** What a probe sends through: the fixture and a case number. */
  record Call(Fixture f, int n) {}

  @BeforeAll
  static void start() throws Exception {
    dir = Files.createTempDirectory("warden-authz");
    database =
        "warden_authz_" + UUID.randomUUID().toString().replace("-", "").toLowerCase(Locale.ROOT);
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + database);
    }
    FIXTURES.add(
        fixture(
            "sqlite",
            ServerConfig.builder()
                .port(0)
                .store("sqlite")
                .db(dir.resolve("warden.db").toString())
                .build()));
    FIXTURES.add(
        fixture(
            "postgres",
            ServerConfig.builder()
                .port(0)
                .store("postgres")
                .db("jdbc:postgresql://127.0.0.1:5432/" + database + "?user=postgres")
                .build()));
  }

  @AfterAll
  static void stop() throws SQLException, IOException {
    for (Fixture f : FIXTURES) {
      f.server().close();
    }
    try (Connection c = DriverManager.getConnection(ADMIN_URL);
        Statement s = c.createStatement()) {
      s.execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
    }
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static Fixture fixture(String name, ServerConfig config) {
    Backend backend =
        Backend.open(
            config,
            new SourceFile("examples/full/policy.warden", TestServer.source()),
            w ->
                w.grant(
                    "Repository:a1#tenant@Tenant:A",
                    "Repository:b1#tenant@Tenant:B",
                    "Repository:a1#admin@User:carol",
                    "Repository:b1#admin@User:carol",
                    "Repository:b1#admin@User:bob",
                    "Repository:a1#contributor@User:eve [before {\"deadline\":\"2023-06-01T00:00:00Z\"}]"));
    List<Key> keys = new ArrayList<>();
    List<ApiKey> stored = new ArrayList<>();
    for (String tenant : new String[] {null, "A"}) {
      for (Set<Scope> scopes : SCOPES) {
        KeyMaterial.Created k = KeyMaterial.create(scopes, tenant);
        String label =
            String.join("+", scopes.stream().map(Scope::wireName).sorted().toList())
                + (tenant == null ? "" : "@A");
        keys.add(new Key(label, scopes, tenant, k.text()));
        stored.add(k.stored());
      }
    }
    keys.add(new Key("no key", Set.of(), null, null));
    WardenServer server = WardenServer.start(config, backend, new ApiKeys(stored));
    Fixture f = new Fixture(name, backend, server, keys);
    // audit entries in tenant A, in tenant B and in none, recorded by an unbound key
    Key checker = keys.get(0);
    for (String tenant : new String[] {"A", "B", null}) {
      String resource = "B".equals(tenant) ? "b1" : "a1";
      Res r = post(f, "/v1/check", checker, check("carol", resource, tenant, null));
      assertThat(r.json().get("allowed").asBoolean()).as(r.text()).isTrue();
    }
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> get(f, "/v1/audit?limit=1000", keys.get(2)).json().get("entries").size() >= 3);
    return f;
  }

  @TestFactory
  Stream<DynamicNode> everyRouteScopeAndBinding() {
    List<Probe> probes = probes();
    int n = 0;
    List<DynamicNode> out = new ArrayList<>();
    for (Fixture f : FIXTURES) {
      List<DynamicNode> cases = new ArrayList<>();
      for (Probe p : probes) {
        for (Key k : f.keys()) {
          int id = ++n;
          cases.add(
              DynamicTest.dynamicTest(
                  p.name() + " with " + k.name() + " -> " + expected(p, k),
                  () -> run(f, p, k, id)));
        }
      }
      out.add(DynamicContainer.dynamicContainer(f.name(), cases));
    }
    return out.stream();
  }

  /** The status the documented rules give; 200 means allowed. */
  private static int expected(Probe p, Key k) {
    if (k.text() == null) {
      return 401;
    }
    if (!k.has(p.needs())
        || (k.bound() && (!p.confined() || p.otherTenant()))
        || (p.sendsNow() && !k.scopes().contains(Scope.CLOCK))) {
      return 403;
    }
    return 200;
  }

  private static void run(Fixture f, Probe p, Key k, int n) {
    Call call = new Call(f, n);
    p.prepare().accept(call);
    String before = snapshot(f);
    Res r = p.send().apply(call, k);
    int want = expected(p, k);
    assertThat(r.status()).as(r.text()).isEqualTo(want);
    if (want == 200) {
      p.ok().accept(k, r);
      return;
    }
    assertThat(r.json().at("/error/code").asText())
        .isEqualTo(want == 401 ? "unauthenticated" : "forbidden");
    String message = r.json().at("/error/message").asText();
    if (want == 403) {
      if (!k.has(p.needs())) {
        assertThat(message).contains("lacks scope `" + p.needs().wireName() + "`");
      } else if (k.bound() && (!p.confined() || p.otherTenant())) {
        assertThat(message).contains("bound to tenant `A`");
      } else {
        assertThat(message).contains("context.now").contains("`clock`");
      }
    }
    assertThat(snapshot(f)).as("a refused request changes nothing").isEqualTo(before);
  }

  /** Everything a request could change: grants, revision, attributes, policy versions. */
  private static String snapshot(Fixture f) {
    StringBuilder sb = new StringBuilder();
    var warden = f.backend().warden();
    sb.append(warden.revision()).append('\n');
    String cursor = null;
    do {
      var page = warden.store().read(GrantFilter.ALL, cursor, 1000);
      page.items().forEach(g -> sb.append(g).append('\n'));
      cursor = page.nextCursor();
    } while (cursor != null);
    sb.append(warden.store().attributes(EntityRef.of("Repository", "a1"))).append('\n');
    sb.append(f.backend().versions().all().size());
    return sb.toString();
  }

  // ------------------------------------------------------------------ the probes

  private static List<Probe> probes() {
    List<Probe> p = new ArrayList<>();
    p.add(
        new Probe(
            "POST /v1/check on B's resource",
            Scope.CHECK,
            true,
            false,
            false,
            (c, k) -> post(c.f(), "/v1/check", k, check("carol", "b1", null, null)),
            (k, r) -> {
              // a bound key asks inside its tenant: b1 belongs to B, so it is denied
              assertThat(r.json().get("allowed").asBoolean()).isEqualTo(!k.bound());
              assertThat(r.json().get("decision_id").isTextual()).isTrue();
            }));
    p.add(
        new Probe(
            "POST /v1/check naming tenant B",
            Scope.CHECK,
            true,
            true,
            false,
            (c, k) -> post(c.f(), "/v1/check", k, check("carol", "b1", "B", null)),
            (k, r) -> assertThat(r.json().get("allowed").asBoolean()).isTrue()));
    p.add(
        new Probe(
            "POST /v1/check of an expired grant",
            Scope.CHECK,
            true,
            false,
            false,
            (c, k) -> post(c.f(), "/v1/check", k, check("eve", "a1", null, null)),
            (k, r) -> assertThat(r.json().get("allowed").asBoolean()).isFalse()));
    p.add(
        new Probe(
            "POST /v1/check with context.now",
            Scope.CHECK,
            true,
            false,
            true,
            (c, k) -> post(c.f(), "/v1/check", k, check("eve", "a1", null, PAST)),
            (k, r) -> assertThat(r.json().get("allowed").asBoolean()).isTrue()));
    p.add(
        new Probe(
            "POST /v1/check/bulk",
            Scope.CHECK,
            true,
            false,
            false,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/check/bulk",
                    k,
                    "{\"checks\":["
                        + check("carol", "a1", null, null)
                        + ","
                        + check("carol", "b1", null, null)
                        + "]}"),
            (k, r) -> assertThat(allowed(r)).containsExactly(true, !k.bound())));
    p.add(
        new Probe(
            "POST /v1/check/bulk with context.now",
            Scope.CHECK,
            true,
            false,
            true,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/check/bulk",
                    k,
                    "{\"checks\":["
                        + check("eve", "a1", null, null)
                        + ","
                        + check("eve", "a1", null, PAST)
                        + "]}"),
            (k, r) -> assertThat(allowed(r)).containsExactly(false, true)));
    p.add(
        new Probe(
            "POST /v1/explain",
            Scope.CHECK,
            true,
            false,
            false,
            (c, k) -> post(c.f(), "/v1/explain", k, check("carol", "b1", null, null)),
            (k, r) -> {
              assertThat(r.json().get("allowed").asBoolean()).isEqualTo(!k.bound());
              assertThat(r.json().get("clock").asText()).isEqualTo("server");
              assertThat(r.json().get("explanation").isObject()).isTrue();
            }));
    p.add(
        new Probe(
            "POST /v1/explain with context.now",
            Scope.CHECK,
            true,
            false,
            true,
            (c, k) -> post(c.f(), "/v1/explain", k, check("eve", "a1", null, PAST)),
            (k, r) -> {
              assertThat(r.json().get("allowed").asBoolean()).isTrue();
              assertThat(r.json().get("clock").asText()).isEqualTo("request");
            }));
    p.add(
        new Probe(
            "POST /v1/lookup/resources",
            Scope.CHECK,
            true,
            false,
            false,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/lookup/resources",
                    k,
                    "{\"actor\":{\"type\":\"User\",\"id\":\"carol\"},\"action\":\"read\","
                        + "\"resource_type\":\"Repository\"}"),
            (k, r) ->
                assertThat(texts(r.json().get("ids")))
                    .containsExactlyElementsOf(k.bound() ? List.of("a1") : List.of("a1", "b1"))));
    p.add(
        new Probe(
            "POST /v1/lookup/resources with context.now",
            Scope.CHECK,
            true,
            false,
            true,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/lookup/resources",
                    k,
                    "{\"actor\":{\"type\":\"User\",\"id\":\"eve\"},\"action\":\"read\","
                        + "\"resource_type\":\"Repository\",\"context\":{\"now\":\""
                        + PAST
                        + "\"}}"),
            (k, r) -> assertThat(texts(r.json().get("ids"))).containsExactly("a1")));
    p.add(
        new Probe(
            "POST /v1/lookup/subjects of B's resource",
            Scope.CHECK,
            true,
            false,
            false,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/lookup/subjects",
                    k,
                    "{\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"b1\"},"
                        + "\"subject_type\":\"User\"}"),
            (k, r) -> {
              Set<String> ids = new TreeSet<>();
              r.json().get("subjects").forEach(s -> ids.add(s.at("/subject/id").asText()));
              assertThat(ids).isEqualTo(k.bound() ? Set.of() : Set.of("bob", "carol"));
            }));
    p.add(
        new Probe(
            "POST /v1/relationships/write",
            Scope.WRITE,
            false,
            false,
            false,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/relationships/write",
                    k,
                    "{\"updates\":[{\"operation\":\"touch\",\"grant\":\"Repository:w"
                        + c.n()
                        + "#admin@User:zed\"}]}"),
            (k, r) -> assertThat(r.json().get("revision").asLong()).isPositive()));
    p.add(
        new Probe(
            "POST /v1/relationships/read",
            Scope.WRITE,
            false,
            false,
            false,
            (c, k) ->
                post(
                    c.f(),
                    "/v1/relationships/read",
                    k,
                    "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"b1\"}}"),
            (k, r) -> {
              Set<String> subjects = new TreeSet<>();
              r.json().get("grants").forEach(g -> subjects.add(g.at("/subject/id").asText()));
              assertThat(subjects).containsExactly("B", "bob", "carol");
            }));
    p.add(
        new Probe(
            "POST /v1/relationships/delete",
            Scope.WRITE,
            false,
            false,
            false,
            c -> c.f().backend().warden().grant("Repository:d" + c.n() + "#admin@User:zed"),
            (c, k) ->
                post(
                    c.f(),
                    "/v1/relationships/delete",
                    k,
                    "{\"grants\":[\"Repository:d" + c.n() + "#admin@User:zed\"]}"),
            (k, r) -> assertThat(r.json().get("revision").asLong()).isPositive()));
    p.add(
        new Probe(
            "PUT /v1/entities/{type}/{id}",
            Scope.WRITE,
            false,
            false,
            false,
            (c, k) ->
                put(
                    c.f(),
                    "/v1/entities/Repository/a1",
                    k,
                    "{\"attributes\":{\"archived\":" + (c.n() % 2 == 0) + "}}"),
            (k, r) -> assertThat(r.json().get("revision").asLong()).isPositive()));
    p.add(
        new Probe(
            "GET /v1/policy",
            Scope.ADMIN,
            false,
            false,
            false,
            (c, k) -> get(c.f(), "/v1/policy", k),
            (k, r) -> assertThat(r.json().get("source").asText()).contains("resource Repository")));
    p.add(
        new Probe(
            "PUT /v1/policy",
            Scope.ADMIN,
            false,
            false,
            false,
            (c, k) ->
                put(
                    c.f(),
                    "/v1/policy",
                    k,
                    JSON.createObjectNode().put("source", TestServer.source()).toString()),
            (k, r) -> assertThat(r.json().get("activated").asBoolean()).isTrue()));
    p.add(
        new Probe(
            "GET /v1/audit",
            Scope.ADMIN,
            true,
            false,
            false,
            (c, k) -> get(c.f(), "/v1/audit?limit=1000", k),
            (k, r) -> {
              List<String> tenants = new ArrayList<>();
              r.json().get("entries").forEach(e -> tenants.add(e.get("tenant").asText(null)));
              if (k.bound()) {
                assertThat(tenants).isNotEmpty().allMatch("A"::equals);
              } else {
                assertThat(tenants).contains("A", "B", null);
              }
            }));
    p.add(
        new Probe(
            "GET /v1/audit?tenant=B",
            Scope.ADMIN,
            true,
            true,
            false,
            (c, k) -> get(c.f(), "/v1/audit?tenant=B&limit=1000", k),
            (k, r) -> {
              List<String> tenants = new ArrayList<>();
              r.json().get("entries").forEach(e -> tenants.add(e.get("tenant").asText(null)));
              assertThat(tenants).isNotEmpty().allMatch("B"::equals);
            }));
    p.add(
        new Probe(
            "GET /v1/audit/verify",
            Scope.ADMIN,
            false,
            false,
            false,
            (c, k) -> get(c.f(), "/v1/audit/verify", k),
            (k, r) -> {
              assertThat(r.json().get("intact").asBoolean()).isTrue();
              assertThat(r.json().get("checked").asLong()).isPositive();
            }));
    p.add(
        new Probe(
            "GET /v1/watch",
            Scope.ADMIN,
            false,
            false,
            false,
            (c, k) -> watch(c.f(), k),
            (k, r) -> {
              assertThat(r.contentType()).startsWith("text/event-stream");
              assertThat(r.text()).startsWith("retry: 1000");
            }));
    return p;
  }

  private static List<Boolean> allowed(Res r) {
    List<Boolean> out = new ArrayList<>();
    r.json().get("results").forEach(d -> out.add(d.get("allowed").asBoolean()));
    return out;
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.asText()));
    return out;
  }

  private static String check(String user, String repo, String tenant, String now) {
    return "{\"actor\":{\"type\":\"User\",\"id\":\""
        + user
        + "\"},\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\""
        + repo
        + "\""
        + (tenant == null ? "" : ",\"tenant\":\"" + tenant + "\"")
        + "}"
        + (now == null ? "" : ",\"context\":{\"now\":\"" + now + "\"}")
        + "}";
  }

  // ------------------------------------------------------------------ HTTP

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private static HttpRequest.Builder request(Fixture f, String path, Key k) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + f.server().port() + path))
            .timeout(Duration.ofSeconds(20))
            .header("Content-Type", "application/json");
    if (k.text() != null) {
      b.header("Authorization", "Bearer " + k.text());
    }
    return b;
  }

  private static Res post(Fixture f, String path, Key k, String body) {
    return send(request(f, path, k).POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static Res put(Fixture f, String path, Key k, String body) {
    return send(request(f, path, k).PUT(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  private static Res get(Fixture f, String path, Key k) {
    return send(request(f, path, k).GET().build());
  }

  private static Res send(HttpRequest request) {
    try {
      HttpResponse<String> r = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      return res(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** A watch stream: its first bytes when it opens (then closed), or the whole error answer. */
  private static Res watch(Fixture f, Key k) {
    try {
      HttpResponse<InputStream> r =
          HTTP.send(
              request(f, "/v1/watch", k).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      String type = r.headers().firstValue("Content-Type").orElse("");
      try (InputStream in = r.body()) {
        byte[] bytes =
            r.statusCode() == 200 ? in.readNBytes("retry: 1000".length()) : in.readAllBytes();
        return res(r.statusCode(), new String(bytes, StandardCharsets.UTF_8), type);
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Res res(int status, String body, String contentType) {
    JsonNode n = null;
    try {
      n = JSON.readTree(body);
    } catch (IOException e) {
      // not JSON (a stream)
    }
    return new Res(status, body, n, contentType);
  }
}
