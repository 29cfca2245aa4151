package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.warden.wire.RequestCodec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A seeded, reproducible generator of hostile HTTP/1.1 requests over every operation of {@code
 * openapi.json}, and over routes and methods it does not define. Each request starts from a valid
 * request of its operation and breaks one thing: the JSON text (truncated, trailing data, duplicate
 * keys, bad UTF-8), one field (wrong JSON type, null, dropped, renamed, huge, deeply nested, out of
 * range, odd Unicode), an array (over its documented bound), the path or query (bad
 * percent-encoding, {@code +}), the Authorization header, the content type, or the method.
 *
 * <p>What the answer must be is predicted from the schema in the OpenAPI document (required fields,
 * types, documented ranges) and the rules of docs/server.md, not from the server's code: {@link
 * Expect#reject} requests must be refused (4xx, with the listed statuses when given), the others
 * may be accepted. The sequence depends on the seed alone, never on the answers, so a seed and a
 * request number name one request.
 */
final class HostileRequests {

  /** What a request breaks; counted per run and named in failures. */
  enum Tag {
    VALID,
    MALFORMED_JSON,
    NOT_AN_OBJECT,
    TRUNCATED_WIRE,
    WRONG_TYPE,
    NULL_VALUE,
    DROPPED_FIELD,
    RENAMED_FIELD,
    UNKNOWN_TOP_FIELD,
    UNKNOWN_NESTED_FIELD,
    DUPLICATE_KEY,
    HUGE_STRING,
    HUGE_ARRAY,
    DEEP_NESTING,
    UNICODE,
    NUMBER_RANGE,
    BAD_PERCENT_PATH,
    BAD_PERCENT_QUERY,
    PLUS_IN_ID,
    PATH_ODDITY,
    QUERY_ODDITY,
    BAD_AUTH,
    CONTENT_TYPE,
    UNKNOWN_ROUTE,
    WRONG_METHOD,
    DELETE_ALL_FILTER,
    POLICY_SOURCE
  }

  /**
   * What the answer must be.
   *
   * @param reject true when the request must be refused with a 4xx
   * @param statuses the statuses a refusal may have (empty: any 4xx)
   */
  record Expect(boolean reject, Set<Integer> statuses) {
    static final Expect ANY = new Expect(false, Set.of());

    static Expect reject(Integer... statuses) {
      return new Expect(true, Set.of(statuses));
    }
  }

  /**
   * One request, ready to send.
   *
   * @param n its number in the sequence
   * @param operation the documented operation it aims at ({@code METHOD /template}), or null for an
   *     unknown route
   * @param what a short description of the mutation, for failure messages
   * @param halfClose true when the client stops sending before the declared body ends
   */
  @SuppressWarnings("ArrayRecordComponent") // built once, sent once, never compared
  record Request(
      int n,
      Tag tag,
      String operation,
      String what,
      String method,
      String target,
      List<String[]> headers,
      byte[] body,
      long declaredLength,
      Expect expect,
      boolean halfClose) {

    /** The whole request as bytes. */
    byte[] bytes() {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      StringBuilder head = new StringBuilder();
      head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
      head.append("Host: 127.0.0.1\r\n");
      for (String[] h : headers) {
        head.append(h[0]).append(": ").append(h[1]).append("\r\n");
      }
      if (declaredLength >= 0) {
        head.append("Content-Length: ").append(declaredLength).append("\r\n");
      }
      head.append("\r\n");
      // header values may carry raw octets on purpose: ISO-8859-1 keeps them as single bytes
      out.writeBytes(head.toString().getBytes(StandardCharsets.ISO_8859_1));
      out.writeBytes(body);
      return out.toByteArray();
    }

    /** The request for a failure message: head in full, body shortened. */
    String describe() {
      String b = new String(body, StandardCharsets.UTF_8);
      if (b.length() > 300) {
        b = b.substring(0, 300) + "...(" + body.length + " bytes)";
      }
      StringBuilder sb = new StringBuilder();
      sb.append('#').append(n).append(' ').append(tag).append(" (").append(what).append(") ");
      sb.append(method).append(' ').append(shorten(target, 200));
      for (String[] h : headers) {
        sb.append(" | ").append(h[0]).append(": ").append(shorten(h[1], 80));
      }
      return sb.append(" | body: ").append(b).toString();
    }
  }

  /** The keys the generator uses: one per scope, and one bound to tenant {@code acme}. */
  record Keys(String admin, String check, String write, String clock, String bound) {}

  /** One documented operation. */
  record Operation(
      String method,
      String template,
      String scope,
      JsonNode bodySchema,
      Set<Integer> documented,
      List<String> queryParams) {
    String name() {
      return method + " " + template;
    }
  }

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern RANGE = Pattern.compile("(\\d+)\\s*(?:\\.\\.|to)\\s*(\\d+)");
  private static final String[] OTHER_METHODS = {
    "GET", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "PROPFIND", "FOO", "post"
  };

  private final Random random;
  private final JsonNode doc;
  private final List<Operation> operations = new ArrayList<>();
  private final Keys keys;
  private final String policySource;
  private int n;

  HostileRequests(long seed, Keys keys, String policySource) {
    this(seed, keys, policySource, 0);
  }

  /** A generator whose requests are numbered from {@code first + 1} (ids written are unique). */
  HostileRequests(long seed, Keys keys, String policySource, int first) {
    this.n = first;
    this.random = new Random(seed);
    this.keys = keys;
    this.policySource = policySource;
    this.doc = openApi();
    doc.path("paths")
        .properties()
        .forEach(
            path ->
                path.getValue()
                    .properties()
                    .forEach(
                        m -> {
                          JsonNode op = m.getValue();
                          Set<Integer> statuses = new java.util.TreeSet<>();
                          op.path("responses")
                              .fieldNames()
                              .forEachRemaining(s -> statuses.add(Integer.parseInt(s)));
                          List<String> query = new ArrayList<>();
                          op.path("parameters")
                              .forEach(
                                  p -> {
                                    if (p.path("in").asText().equals("query")) {
                                      query.add(p.path("name").asText());
                                    }
                                  });
                          JsonNode schema =
                              op.path("requestBody")
                                  .path("content")
                                  .path("application/json")
                                  .path("schema");
                          operations.add(
                              new Operation(
                                  m.getKey().toUpperCase(Locale.ROOT),
                                  path.getKey(),
                                  op.path("x-scope").asText(null),
                                  schema.isMissingNode() ? null : schema,
                                  Set.copyOf(statuses),
                                  List.copyOf(query)));
                        }));
  }

  static JsonNode openApi() {
    try (InputStream in = HostileRequests.class.getResourceAsStream("openapi.json")) {
      return JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  List<Operation> operations() {
    return operations;
  }

  /** The documented operation a method and concrete path name, or null. */
  Operation operation(String name) {
    for (Operation o : operations) {
      if (o.name().equals(name)) {
        return o;
      }
    }
    return null;
  }

  // ------------------------------------------------------------------ valid requests

  /** A valid request of the operation: the starting point of every mutation. */
  Request valid(Operation op) {
    int id = n;
    String path = op.template();
    String query = "";
    JsonNode body = null;
    String key = keyFor(op);
    switch (op.name()) {
      case "POST /v1/check", "POST /v1/explain" -> {
        ObjectNode c = checkBody(id);
        if (random.nextInt(4) == 0) {
          c.putObject("context").put("now", "2026-01-01T00:00:00Z");
          key = keys.clock();
        }
        body = c;
      }
      case "POST /v1/check/bulk" -> {
        ObjectNode b = NODES.objectNode();
        ArrayNode checks = b.putArray("checks");
        checks.add(checkBody(id));
        checks.add(checkBody(id + 1));
        b.putObject("consistency").put("at_least", 0);
        body = b;
      }
      case "POST /v1/lookup/resources" -> {
        ObjectNode b = NODES.objectNode();
        actor(b.putObject("actor"), "larry", true);
        b.put("action", "read");
        b.put("resource_type", "Repository");
        b.putObject("context").put("ip", "10.1.2.3");
        b.put("residual", random.nextBoolean());
        b.put("limit", 100);
        b.putObject("consistency").put("at_least", 0);
        body = b;
      }
      case "POST /v1/lookup/subjects" -> {
        ObjectNode b = NODES.objectNode();
        b.put("action", "read");
        ObjectNode r = b.putObject("resource");
        r.put("type", "Repository");
        r.put("id", "gmail");
        b.put("subject_type", "User");
        b.put("format", random.nextBoolean() ? "subjects" : "authorized_users");
        body = b;
      }
      case "POST /v1/relationships/write" -> {
        ObjectNode b = NODES.objectNode();
        ArrayNode updates = b.putArray("updates");
        ObjectNode u1 = updates.addObject();
        u1.put("operation", "touch");
        ObjectNode g = u1.putObject("grant");
        g.putObject("resource").put("type", "Repository").put("id", "fz" + id);
        g.put("relation", "contributor");
        g.putObject("subject").put("type", "User").put("id", "fzu" + id);
        ObjectNode cond = g.putObject("condition");
        cond.put("name", "before");
        cond.putObject("context").put("deadline", "2030-01-01T00:00:00Z");
        ObjectNode u2 = updates.addObject();
        u2.put("operation", "create");
        u2.put("grant", "Repository:fz" + id + "#maintainer@User:fzv" + id);
        ObjectNode p = b.putArray("preconditions").addObject();
        p.putObject("filter").put("resource_type", "Repository").put("resource_id", "gmail");
        p.put("must_exist", true);
        body = b;
      }
      case "POST /v1/relationships/read" -> {
        ObjectNode b = NODES.objectNode();
        b.putObject("filter").put("resource_type", "Repository").put("resource_id", "gmail");
        b.put("limit", 100);
        body = b;
      }
      case "POST /v1/relationships/delete" -> {
        ObjectNode b = NODES.objectNode();
        if (random.nextBoolean()) {
          // two unique parts: dropping or nulling any one field still matches nothing seeded
          b.putObject("filter")
              .put("resource_type", "Repository")
              .put("resource_id", "fzd" + id)
              .put("relation", "admin")
              .put("subject_type", "User")
              .put("subject_id", "fzd" + id);
        } else {
          b.putArray("grants").add("Repository:fzd" + id + "#admin@User:fzd" + id);
        }
        body = b;
      }
      case "PUT /v1/entities/{type}/{id}" -> {
        ObjectNode b = NODES.objectNode();
        ObjectNode a = b.putObject("attributes");
        if (random.nextBoolean()) {
          path = "/v1/entities/Repository/fz" + id;
          a.put("is_public", false).put("archived", random.nextBoolean());
        } else {
          path = "/v1/entities/User/fzu" + id;
          // the only attribute the example policy declares for users
          a.put("department", "eng");
        }
        body = b;
      }
      case "GET /v1/policy" -> query = random.nextBoolean() ? "?version=1" : "";
      case "PUT /v1/policy" -> {
        ObjectNode b = NODES.objectNode();
        b.put("source", policySource);
        b.put("validate_only", random.nextInt(4) != 0);
        body = b;
      }
      case "GET /v1/audit" -> query = "?limit=5&actor=User:larry&allowed=true";
      case "GET /v1/watch" -> query = "?after=0";
      default -> {
        // the public routes and verify take nothing
      }
    }
    byte[] bytes = body == null ? new byte[0] : write(body);
    return request(
        Tag.VALID, op.name(), "as documented", op.method(), path + query, key, bytes, Expect.ANY);
  }

  private static ObjectNode checkBody(int id) {
    ObjectNode c = NODES.objectNode();
    actor(c.putObject("actor"), id % 2 == 0 ? "larry" : "anne", true);
    c.put("action", id % 3 == 0 ? "push" : "read");
    ObjectNode r = c.putObject("resource");
    r.put("type", "Repository");
    r.put("id", id % 2 == 0 ? "gmail" : "react");
    r.putObject("attributes").put("archived", false);
    c.putObject("context").put("ip", "10.0.0.1");
    ArrayNode cg = c.putArray("contextual_grants");
    ObjectNode g = cg.addObject();
    g.putObject("resource").put("type", "Repository").put("id", "oso");
    g.put("relation", "admin");
    g.putObject("subject").put("type", "User").put("id", "ctx" + id);
    cg.add("Repository:oso#maintainer@Group:eng#member");
    c.putObject("consistency").put("at_least", 0);
    return c;
  }

  private static void actor(ObjectNode a, String id, boolean attributes) {
    a.put("type", "User");
    a.put("id", id);
    if (attributes) {
      a.putObject("attributes").put("department", "finance");
    }
  }

  private String keyFor(Operation op) {
    if (op.scope() == null) {
      return null;
    }
    return switch (op.scope()) {
      case "check" -> random.nextInt(8) == 0 ? keys.bound() : keys.check();
      case "write" -> keys.write();
      default -> keys.admin();
    };
  }

  /** The next valid request of the operation, numbered like any other. */
  Request nextValid(Operation op) {
    n++;
    return valid(op);
  }

  // ------------------------------------------------------------------ the sequence

  /** The next hostile request. */
  Request next() {
    n++;
    int dice = random.nextInt(1000);
    Operation op = operations.get(random.nextInt(operations.size()));
    if (dice < 40) {
      return valid(op);
    }
    if (dice < 80) {
      return unknownRoute();
    }
    if (dice < 130) {
      return wrongMethod(op);
    }
    if (dice < 190) {
      return badAuth(op);
    }
    if (dice < 230) {
      return contentType(op);
    }
    if (dice < 290) {
      return badQuery(op);
    }
    if (dice < 340) {
      return entityPath();
    }
    if (dice < 360) {
      return truncatedOnTheWire(op);
    }
    if (dice < 366) {
      return deleteAll();
    }
    if (dice < 420) {
      return policySource();
    }
    // the rest: the body, on an operation that takes one
    Operation withBody = op;
    while (withBody.bodySchema() == null) {
      withBody = operations.get(random.nextInt(operations.size()));
    }
    return bodyMutation(withBody);
  }

  private Request request(
      Tag tag,
      String operation,
      String what,
      String method,
      String target,
      String key,
      byte[] body,
      Expect expect) {
    List<String[]> headers = new ArrayList<>();
    if (key != null) {
      headers.add(new String[] {"Authorization", "Bearer " + key});
    }
    headers.add(new String[] {"Content-Type", "application/json"});
    return new Request(
        n, tag, operation, what, method, target, headers, body, body.length, expect, false);
  }

  private Request unknownRoute() {
    String[] targets = {
      "/",
      "/v1",
      "/v1/",
      "/v1/check/",
      "/v1//check",
      "/V1/check",
      "/v1/checks",
      "/v1/check/bulk/x",
      "/v1/entities",
      "/v1/entities/Repository",
      "/v1/entities/Repository/",
      "/v1/entities//gmail",
      "/v1/entities/Repository/gmail/extra",
      "/v2/check",
      "/v1/check;jsessionid=1",
      "/metrics/x",
      "/healthz/",
      "/v1/openapi.json/x",
      "/v1/audit/verify/x",
      "/v1/policy/1",
      "/v1/relationships",
      "/v1/lookup",
      "/" + "p".repeat(2000 + random.nextInt(5000)),
      "/v1/" + "%41".repeat(300),
    };
    String target = pick(targets);
    String method = pick(new String[] {"GET", "POST", "PUT"});
    byte[] body = method.equals("GET") ? new byte[0] : "{}".getBytes(StandardCharsets.UTF_8);
    return request(
        Tag.UNKNOWN_ROUTE,
        null,
        "no such route",
        method,
        target,
        keys.admin(),
        body,
        Expect.reject(404));
  }

  private Request wrongMethod(Operation op) {
    Set<String> allowed = new java.util.HashSet<>();
    for (Operation o : operations) {
      if (o.template().equals(op.template())) {
        allowed.add(o.method());
      }
    }
    String method;
    do {
      method = pick(OTHER_METHODS);
    } while (allowed.contains(method));
    Request v = valid(op);
    String target = v.target();
    return new Request(
        n,
        Tag.WRONG_METHOD,
        op.name(),
        method + " instead of " + op.method(),
        method,
        target,
        v.headers(),
        v.body(),
        v.body().length,
        Expect.reject(405),
        false);
  }

  private Request badAuth(Operation op) {
    Request v = valid(op);
    String real = keys.admin();
    String[][] variants = {
      {null, "no Authorization header"},
      {"Bearer", "scheme only"},
      {"Bearer ", "empty key"},
      {"Basic dXNlcjpwYXNz", "Basic credentials"},
      {"Token " + real, "another scheme"},
      {"Bearer " + real + "x", "a character too many"},
      {"Bearer " + flipLast(real), "a wrong secret"},
      {"Bearer " + real.substring(0, real.length() - 1), "a character short"},
      {"Bearer wk_", "prefix only"},
      {"Bearer wk_" + real.substring(3, 15) + "_", "id and no secret"},
      {"Bearer wk_zzzzzzzzzzzz_" + real.substring(16), "an id that is not hex"},
      {"Bearer " + "k".repeat(8000 + random.nextInt(4000)), "a huge key"},
      {"Bearer \u00ff\u00fe\u00e9", "raw non-ASCII octets"},
      {"Bearer " + real.replace('_', '\u00a0'), "no-break spaces for underscores"},
      {"Bearer\t" + real, "a tab after the scheme"},
      {"BearerX " + real, "a scheme with a suffix"},
      {"Bearer " + real.toUpperCase(Locale.ROOT), "an upper-cased key"},
    };
    String[] chosen = variants[random.nextInt(variants.length)];
    List<String[]> headers = new ArrayList<>();
    for (String[] h : v.headers()) {
      if (!h[0].equals("Authorization")) {
        headers.add(h);
      }
    }
    if (chosen[0] != null) {
      headers.add(0, new String[] {"Authorization", chosen[0]});
    }
    Operation o = operation(op.name());
    Expect expect = o.scope() == null ? Expect.ANY : Expect.reject(400, 401);
    return new Request(
        n,
        Tag.BAD_AUTH,
        op.name(),
        chosen[1],
        v.method(),
        v.target(),
        headers,
        v.body(),
        v.body().length,
        expect,
        false);
  }

  private static String flipLast(String key) {
    char last = key.charAt(key.length() - 1);
    return key.substring(0, key.length() - 1) + (last == 'a' ? 'b' : 'a');
  }

  private Request contentType(Operation op) {
    Request v = valid(op);
    String[] types = {
      "text/plain",
      "application/xml",
      "application/x-www-form-urlencoded",
      "multipart/form-data; boundary=x",
      "application/json; charset=utf-16",
      "application/json; charset=\u00ff",
      "*/*",
      "",
      "application/json, text/html",
      "application/json;;;",
    };
    List<String[]> headers = new ArrayList<>();
    for (String[] h : v.headers()) {
      if (!h[0].equals("Content-Type")) {
        headers.add(h);
      }
    }
    String what;
    byte[] body = v.body();
    if (random.nextInt(5) == 0) {
      what = "no Content-Type";
    } else if (body.length > 0 && random.nextInt(6) == 0) {
      // the same JSON in UTF-16: Jackson detects the encoding, so it may be accepted
      body = new String(body, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16BE);
      headers.add(new String[] {"Content-Type", "application/json; charset=utf-16"});
      what = "UTF-16 body";
    } else {
      String t = pick(types);
      headers.add(new String[] {"Content-Type", t});
      what = "Content-Type " + t;
    }
    return new Request(
        n,
        Tag.CONTENT_TYPE,
        op.name(),
        what,
        v.method(),
        v.target(),
        headers,
        body,
        body.length,
        Expect.ANY,
        false);
  }

  private Request badQuery(Operation op) {
    Request v = valid(op);
    String base = v.target();
    int q = base.indexOf('?');
    String path = q < 0 ? base : base.substring(0, q);
    String[] broken = {"%zz", "%", "%4", "a=%G1", "a=%C0%80", "a=%ED%A0%80", "%FF=1", "a=%E0%80"};
    if (random.nextInt(3) == 0 || op.queryParams().isEmpty()) {
      String b = pick(broken);
      String target = path + "?" + (q < 0 ? "" : base.substring(q + 1) + "&") + b;
      return withTarget(v, Tag.BAD_PERCENT_QUERY, "query " + b, target, Expect.reject(400));
    }
    String[] value;
    switch (op.name()) {
      case "GET /v1/audit" -> {
        String[][] cases = {
          {"limit=-1", "r422"},
          {"limit=0", "r422"},
          {"limit=1001", "r422"},
          {"limit=abc", "r422"},
          {"limit=1.5", "r422"},
          {"limit=99999999999", "r422"},
          {"limit=", "r422"},
          {"limit=1000", "any"},
          {"limit=1&limit=2", "any"},
          {"from=yesterday", "r422"},
          {"from=%2B10000-01-01T00:00:00Z", "r422"},
          {"from=-999999999-01-01T00:00:00Z", "r422"},
          {"from=2026-01-01T00:00:00Z&to=2025-01-01T00:00:00Z", "r422"},
          {"to=2026-13-01T00:00:00Z", "r422"},
          {"actor=User", "r422"},
          {"actor=:larry", "r422"},
          {"actor=User:%00", "r422"},
          {"actor=User:a+b", "r422"},
          {"actor=User:a%2Bb", "any"},
          {"resource=Repository:" + "x".repeat(300), "r422"},
          {"resource=Repository:%ED%9F%BF", "any"},
          {"allowed=TRUE", "r422"},
          {"allowed=", "r422"},
          {"cursor=garbage", "r422"},
          {"cursor=" + "A".repeat(1000), "r422"},
          {"tenant=acme", "any"},
          {"tenant=%00", "any"},
          {"unknown=1", "any"},
        };
        value = cases[random.nextInt(cases.length)];
      }
      case "GET /v1/policy" -> {
        String[][] cases = {
          {"version=-1", "r404"},
          {"version=0", "r404"},
          {"version=99999", "r404"},
          {"version=abc", "r422"},
          {"version=1.5", "r422"},
          {"version=2147483648", "r422"},
          {"version=", "r422"},
          {"version=%2B1", "any"},
          {"version=1&version=x", "any"},
        };
        value = cases[random.nextInt(cases.length)];
      }
      case "GET /v1/watch" -> {
        String[][] cases = {
          {"after=-1", "r422"},
          {"after=abc", "r422"},
          {"after=99999999999999999999", "r422"},
          {"after=1e3", "r422"},
          {"after=", "r422"},
          {"after=9223372036854775807", "any"},
        };
        value = cases[random.nextInt(cases.length)];
      }
      default -> value = new String[] {"x=1", "any"};
    }
    Expect expect =
        switch (value[1]) {
          case "r422" -> Expect.reject(422);
          case "r404" -> Expect.reject(404);
          default -> Expect.ANY;
        };
    return withTarget(
        v, Tag.QUERY_ODDITY, "query " + shorten(value[0], 60), path + "?" + value[0], expect);
  }

  private Request entityPath() {
    Operation op = operation("PUT /v1/entities/{type}/{id}");
    Request v = valid(op);
    String[][] cases = {
      {"Repository/%zz", "r400", "BAD_PERCENT_PATH"},
      {"Repository/%", "r400", "BAD_PERCENT_PATH"},
      {"Repository/a%4", "r400", "BAD_PERCENT_PATH"},
      {"Repository/%C0%AF", "r400", "BAD_PERCENT_PATH"},
      {"Repository/%ED%A0%80", "r400", "BAD_PERCENT_PATH"},
      {"Repository/%E0%80%80", "r400", "BAD_PERCENT_PATH"},
      {"Repository/%FF", "r400", "BAD_PERCENT_PATH"},
      {"Repo%zz/x", "r400", "BAD_PERCENT_PATH"},
      {"Repository/%F4%90%80%80", "r400", "BAD_PERCENT_PATH"},
      {"Repository/\u00e9", "r400", "BAD_PERCENT_PATH"},
      {"Repository/fz+" + n, "any", "PLUS_IN_ID"},
      {"Repository/+", "any", "PLUS_IN_ID"},
      {"Repository/fz%2B" + n, "any", "PLUS_IN_ID"},
      {"Repository/%00", "r422", "PATH_ODDITY"},
      // Spaces, `#` and `@` are ordinary id characters (docs/data-format.md, "Ids").
      {"Repository/a%20b", "any", "PATH_ODDITY"},
      {"Repository/a%23b", "any", "PATH_ODDITY"},
      {"Repository/a%40b", "any", "PATH_ODDITY"},
      {"Repository/a%09b", "r422", "PATH_ODDITY"},
      {"Repository/a%E2%80%A8b", "r422", "PATH_ODDITY"},
      {"Repository/*", "r422", "PATH_ODDITY"},
      {"Repository/%2A", "r422", "PATH_ODDITY"},
      {"Repository/%E2%80%AEfz" + n, "any", "PATH_ODDITY"},
      {"Repository/fz%2F" + n, "any", "PATH_ODDITY"},
      {"Repository/" + "i".repeat(1024), "any", "PATH_ODDITY"},
      {"Repository/" + "i".repeat(1025), "r422", "PATH_ODDITY"},
      {"Repository/" + "%C3%A9".repeat(513), "r422", "PATH_ODDITY"},
      {"Repository/" + "i".repeat(9000), "r414", "PATH_ODDITY"},
      {"Nope/x", "r422", "PATH_ODDITY"},
      {"1Repository/x", "r422", "PATH_ODDITY"},
      {"Repository%2Fgmail/x", "r422", "PATH_ODDITY"},
      {"Repository/.", "any", "PATH_ODDITY"},
      {"Repository/..", "any", "PATH_ODDITY"},
    };
    String[] c = cases[random.nextInt(cases.length)];
    Expect expect =
        switch (c[1]) {
          case "r400" -> Expect.reject(400);
          case "r422" -> Expect.reject(422);
          case "r414" -> Expect.reject(414, 431, 400);
          default -> Expect.ANY;
        };
    return withTarget(
        v, Tag.valueOf(c[2]), "entity " + shorten(c[0], 60), "/v1/entities/" + c[0], expect);
  }

  private Request withTarget(Request v, Tag tag, String what, String target, Expect expect) {
    return new Request(
        n,
        tag,
        v.operation(),
        what,
        v.method(),
        target,
        v.headers(),
        v.body(),
        v.body().length,
        expect,
        false);
  }

  private Request truncatedOnTheWire(Operation op) {
    Operation withBody = op;
    while (withBody.bodySchema() == null) {
      withBody = operations.get(random.nextInt(operations.size()));
    }
    Request v = valid(withBody);
    int keep = random.nextInt(Math.max(1, v.body().length));
    byte[] part = java.util.Arrays.copyOf(v.body(), keep);
    return new Request(
        n,
        Tag.TRUNCATED_WIRE,
        withBody.name(),
        "Content-Length " + v.body().length + ", " + keep + " bytes sent, then half-closed",
        v.method(),
        v.target(),
        v.headers(),
        part,
        v.body().length,
        Expect.reject(400),
        true);
  }

  private Request deleteAll() {
    String[] bodies = {
      "{\"filter\":{}}",
      "{\"filter\":{\"resource_type\":null}}",
      "{\"filter\":{\"subject_id\":null,\"relation\":null}}",
      "{\"filter\":{},\"preconditions\":[]}",
    };
    String body = pick(bodies);
    return request(
        Tag.DELETE_ALL_FILTER,
        "POST /v1/relationships/delete",
        "a filter that matches every grant",
        "POST",
        "/v1/relationships/delete",
        keys.write(),
        body.getBytes(StandardCharsets.UTF_8),
        Expect.reject(422));
  }

  private Request policySource() {
    String src = policySource;
    String what;
    boolean dry = random.nextInt(3) != 0;
    int k = random.nextInt(7);
    Expect expect = Expect.ANY;
    switch (k) {
      case 0 -> {
        int d = pick(new Integer[] {100, 2000, 20_000, 200_000});
        src =
            src.replace(
                "\"read\" if resource.is_public;",
                "\"read\" if " + "(".repeat(d) + "resource.is_public" + ")".repeat(d) + ";");
        what = d + " nested parentheses in a rule";
      }
      case 1 -> {
        int d = pick(new Integer[] {100, 2000, 20_000, 200_000});
        src =
            src.replace(
                "actor.department == \"finance\"",
                "!".repeat(d - d % 2) + "(actor.department == \"finance\")");
        what = d + " negations in a CEL expression";
      }
      case 2 -> {
        // activation compiled each attribute operand with CEL, milliseconds apiece: 5000 copies
        // of `not resource.archived` took over 20 s (now compiled once per type)
        int d = pick(new Integer[] {100, 1000, 5000, 50_000});
        boolean cel = random.nextBoolean();
        StringBuilder sb = new StringBuilder("\"read\" if \"contributor\"");
        for (int i = 0; i < d; i++) {
          sb.append(
              cel && random.nextBoolean() ? " and not resource.archived" : " or \"maintainer\"");
        }
        src = src.replace("\"read\" if \"contributor\";", sb + ";");
        what = d + " operators in one rule";
      }
      case 3 -> {
        String odd =
            pick(new String[] {"\u0000", "\ud800", "\udfff", "\u202e", "\ufeff", "\uffff"});
        src = src + "\n# a comment with " + odd + " in it\n";
        what = String.format("a comment with U+%04X", (int) odd.charAt(0));
      }
      case 4 -> {
        src = src.substring(0, random.nextInt(src.length()));
        what = "the source cut at " + src.length();
      }
      case 5 -> {
        String odd = pick(new String[] {"\u0000", "\ud800", "\u202e"});
        int at = random.nextInt(src.length());
        src = src.substring(0, at) + odd + src.substring(at);
        what = String.format("U+%04X inserted at %d", (int) odd.charAt(0), at);
      }
      default -> {
        src = "resource " + "R".repeat(70) + " {}\n" + src;
        what = "a type name over 64 characters";
        expect = Expect.reject(422);
      }
    }
    ObjectNode b = NODES.objectNode();
    b.put("source", src);
    b.put("validate_only", dry);
    return request(
        Tag.POLICY_SOURCE,
        "PUT /v1/policy",
        what + (dry ? ", validate only" : ""),
        "PUT",
        "/v1/policy",
        keys.admin(),
        write(b),
        expect);
  }

  // ------------------------------------------------------------------ body mutations

  /** A place in a body: where a value sits and what the schema says of it. */
  private record Site(
      JsonNode parent,
      String field,
      int index,
      JsonNode value,
      String path,
      JsonNode schema,
      boolean required,
      boolean freeform,
      int depth) {
    boolean root() {
      return parent == null;
    }
  }

  private Request bodyMutation(Operation op) {
    Request v = valid(op);
    JsonNode body;
    try {
      body = JSON.readTree(v.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Site> sites = new ArrayList<>();
    collect(body, op.bodySchema(), null, null, -1, "", true, false, 0, sites);
    int k = random.nextInt(15);
    Mutated m =
        switch (k) {
          case 0 -> textLevel(v.body());
          case 1 -> retype(pickSite(sites, s -> true));
          case 2 -> nullAt(pickSite(sites, s -> !s.root()));
          case 3 -> drop(pickSite(sites, s -> s.field() != null));
          case 4 -> rename(pickSite(sites, s -> s.field() != null));
          case 5 -> addUnknown(pickSite(sites, s -> s.value().isObject()));
          case 6 -> duplicate(pickSite(sites, s -> s.value().isObject() && s.value().size() > 0));
          case 7 -> huge(pickSite(sites, s -> s.value().isTextual()));
          case 8 -> unicode(pickSite(sites, s -> s.value().isTextual()));
          case 9 -> number(pickSite(sites, s -> s.value().isNumber()));
          case 10 -> deep(pickSite(sites, s -> true));
          case 11 -> hugeArray(pickSite(sites, s -> s.value().isArray()));
          case 12 -> notAnObject();
          default -> retype(pickSite(sites, s -> s.value().isContainerNode() || s.required()));
        };
    if (m == null) {
      // the body has no place for this mutation: break the text instead
      m = textLevel(v.body());
    }
    byte[] bytes = m.raw != null ? m.raw : write(body);
    for (Map.Entry<String, byte[]> e : m.replace.entrySet()) {
      bytes = replace(bytes, e.getKey().getBytes(StandardCharsets.UTF_8), e.getValue());
    }
    return new Request(
        n,
        m.tag,
        op.name(),
        m.what,
        v.method(),
        v.target(),
        v.headers(),
        bytes,
        bytes.length,
        m.expect,
        false);
  }

  /** A mutation: applied to the tree in place, or whole raw bytes, plus textual replacements. */
  private static final class Mutated {
    final Tag tag;
    final String what;
    final Expect expect;
    byte[] raw;
    final Map<String, byte[]> replace = new LinkedHashMap<>();

    Mutated(Tag tag, String what, Expect expect) {
      this.tag = tag;
      this.what = what;
      this.expect = expect;
    }
  }

  private void collect(
      JsonNode node,
      JsonNode schema,
      JsonNode parent,
      String field,
      int index,
      String path,
      boolean required,
      boolean freeform,
      int depth,
      List<Site> out) {
    JsonNode s = freeform ? null : resolve(schema);
    out.add(new Site(parent, field, index, node, path, s, required, freeform, depth));
    if (node.isObject()) {
      JsonNode props = s == null ? null : s.get("properties");
      Set<String> req = new java.util.HashSet<>();
      if (s != null) {
        s.path("required").forEach(r -> req.add(r.asText()));
      }
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        JsonNode child = props == null ? null : props.get(e.getKey());
        boolean childFree = freeform || props == null || child == null;
        collect(
            e.getValue(),
            child,
            node,
            e.getKey(),
            -1,
            path + (path.isEmpty() ? "" : ".") + e.getKey(),
            req.contains(e.getKey()),
            childFree,
            depth + 1,
            out);
      }
    } else if (node.isArray()) {
      JsonNode items = s == null ? null : s.get("items");
      for (int i = 0; i < node.size(); i++) {
        collect(
            node.get(i),
            items,
            node,
            null,
            i,
            path + "[" + i + "]",
            true,
            freeform || items == null,
            depth + 1,
            out);
      }
    }
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    while (s != null && s.has("$ref")) {
      s = doc.at(s.get("$ref").asText().substring(1));
    }
    return s;
  }

  private static String type(Site s) {
    return s.schema() == null ? "" : s.schema().path("type").asText("");
  }

  private static boolean isGrant(Site s) {
    return s.schema() != null && s.schema().path("description").asText().contains("text form");
  }

  private Site pickSite(List<Site> sites, java.util.function.Predicate<Site> p) {
    List<Site> ok = sites.stream().filter(p).toList();
    return ok.isEmpty() ? null : ok.get(random.nextInt(ok.size()));
  }

  private static void set(Site s, JsonNode value) {
    if (s.parent() instanceof ObjectNode o) {
      o.set(s.field(), value);
    } else if (s.parent() instanceof ArrayNode a) {
      a.set(s.index(), value);
    }
  }

  private Mutated retype(Site s) {
    if (s == null) {
      return null;
    }
    String[] candidates = {
      "1", "-7", "1.5", "\"s\"", "true", "false", "[]", "{}", "[1]", "{\"k\":1}"
    };
    String t = isGrant(s) ? "grant" : type(s);
    List<JsonNode> wrong = new ArrayList<>();
    for (String c : candidates) {
      JsonNode v = parse(c);
      boolean same =
          switch (t) {
            case "string" -> v.isTextual();
            case "integer" -> v.isIntegralNumber();
            case "number" -> v.isNumber();
            case "boolean" -> v.isBoolean();
            case "object", "grant" -> v.isObject();
            case "array" -> v.isArray();
            default -> false;
          };
      if (!same) {
        wrong.add(v);
      }
    }
    JsonNode v = wrong.get(random.nextInt(wrong.size()));
    String what = "`" + pathOf(s) + "` (" + (t.isEmpty() ? "free-form" : t) + ") set to " + v;
    if (s.root()) {
      Mutated m = new Mutated(Tag.WRONG_TYPE, "the body set to " + v, Expect.reject(422));
      m.raw = v.toString().getBytes(StandardCharsets.UTF_8);
      return m;
    }
    set(s, v);
    return new Mutated(Tag.WRONG_TYPE, what, s.freeform() ? Expect.ANY : Expect.reject(422));
  }

  private Mutated nullAt(Site s) {
    if (s == null) {
      return null;
    }
    set(s, NODES.nullNode());
    // nulls are refused anywhere inside free-form maps; an optional known field may be null
    boolean mustReject = s.freeform() || s.required();
    return new Mutated(
        Tag.NULL_VALUE,
        "`" + pathOf(s) + "` set to null",
        mustReject ? Expect.reject(422) : Expect.ANY);
  }

  private Mutated drop(Site s) {
    if (s == null) {
      return null;
    }
    ((ObjectNode) s.parent()).remove(s.field());
    boolean mustReject = !s.freeform() && s.required();
    return new Mutated(
        Tag.DROPPED_FIELD,
        "`" + pathOf(s) + "` dropped",
        mustReject ? Expect.reject(422) : Expect.ANY);
  }

  private Mutated rename(Site s) {
    if (s == null) {
      return null;
    }
    ObjectNode parent = (ObjectNode) s.parent();
    String typo = typo(s.field(), parent);
    JsonNode value = parent.remove(s.field());
    parent.set(typo, value);
    String what = "`" + pathOf(s) + "` renamed `" + typo + "`";
    if (s.freeform()) {
      return new Mutated(Tag.RENAMED_FIELD, what, Expect.ANY);
    }
    if (s.depth() == 1 || s.required()) {
      return new Mutated(Tag.RENAMED_FIELD, what, Expect.reject(422));
    }
    return new Mutated(Tag.UNKNOWN_NESTED_FIELD, what, Expect.reject(422));
  }

  private String typo(String field, JsonNode parent) {
    for (int attempt = 0; attempt < 20; attempt++) {
      String t =
          switch (random.nextInt(5)) {
            case 0 -> field + "s";
            case 1 -> field.length() > 1 ? field.substring(0, field.length() - 1) : field + "_";
            case 2 -> field.toUpperCase(Locale.ROOT);
            case 3 -> field.replace("_", "");
            default -> field + field.charAt(field.length() - 1);
          };
      if (!t.equals(field) && !parent.has(t)) {
        return t;
      }
    }
    return field + "_x";
  }

  private Mutated addUnknown(Site s) {
    if (s == null) {
      return null;
    }
    String[] names = {
      "tennant",
      "zz",
      "__proto__",
      "constructor",
      "actor",
      "id",
      "extra",
      "$where",
      "k".repeat(60_000)
    };
    String name;
    do {
      name = pick(names);
    } while (s.value().has(name)
        || (s.schema() != null && s.schema().path("properties").has(name)));
    ((ObjectNode) s.value()).put(name, random.nextBoolean() ? "x" : "1");
    String what =
        "unknown field `" + (s.path().isEmpty() ? "" : s.path() + ".") + shorten(name, 40) + "`";
    if (name.length() > 50_000) {
      // past the JSON parser's longest field name: malformed, wherever it is
      return new Mutated(Tag.UNKNOWN_TOP_FIELD, what, Expect.reject(400));
    }
    if (s.freeform() || (s.schema() != null && s.schema().path("properties").isMissingNode())) {
      return new Mutated(Tag.UNKNOWN_NESTED_FIELD, what + " in a free-form map", Expect.ANY);
    }
    if (s.root()) {
      return new Mutated(Tag.UNKNOWN_TOP_FIELD, what, Expect.reject(422));
    }
    return new Mutated(Tag.UNKNOWN_NESTED_FIELD, what, Expect.reject(422));
  }

  private Mutated duplicate(Site s) {
    if (s == null) {
      return null;
    }
    ObjectNode o = (ObjectNode) s.value();
    Iterator<String> names = o.fieldNames();
    List<String> all = new ArrayList<>();
    names.forEachRemaining(all::add);
    String key = all.get(random.nextInt(all.size()));
    String dupValue = random.nextBoolean() ? o.get(key).toString() : "\"other\"";
    o.put("qqDUPqq", 0);
    Mutated m =
        new Mutated(
            Tag.DUPLICATE_KEY,
            "`" + (s.path().isEmpty() ? "" : s.path() + ".") + key + "` given twice",
            Expect.reject(400));
    m.replace.put(
        "\"qqDUPqq\":0", ("\"" + key + "\":" + dupValue).getBytes(StandardCharsets.UTF_8));
    return m;
  }

  private Mutated huge(Site s) {
    if (s == null) {
      return null;
    }
    int size = pick(new Integer[] {65, 257, 5_000, 300_000, 1_100_000});
    char c = pick(new Character[] {'x', '\u00e9', '\u4e00', '0'});
    set(s, new TextNode(String.valueOf(c).repeat(size)));
    // over the 1 MiB body limit whatever the character
    Expect expect = size > 1_048_576 ? Expect.reject(413) : Expect.ANY;
    return new Mutated(Tag.HUGE_STRING, "`" + pathOf(s) + "`: " + size + " × " + c, expect);
  }

  private Mutated unicode(Site s) {
    if (s == null) {
      return null;
    }
    String[][] odd = {
      {"\\ud800", "a lone high surrogate"},
      {"\\udfff", "a lone low surrogate"},
      {"\\udc00\\ud800", "surrogates in the wrong order"},
      {"\\u0000", "NUL"},
      {"a\\u0000b", "NUL inside"},
      {"\\u202e", "RTL override"},
      {"\u202egmail", "raw RTL override"},
      {"\\ufeff", "BOM"},
      {"\\uffff", "a non-character"},
      {"\\u200b", "zero-width space"},
      {"\\ud83d\\ude00", "an emoji"},
      {"e\\u0301", "a combining accent"},
      {"\\u001b[31m", "an ANSI escape"},
      {"%00", "a percent-encoded NUL"},
      {"\\\\u0000", "an escaped backslash-u"},
    };
    String[] o = odd[random.nextInt(odd.length)];
    String ph = "qqPH" + n + "qq";
    String old = s.value().textValue();
    boolean append = random.nextBoolean();
    set(s, new TextNode(append ? old + ph : ph));
    Mutated m =
        new Mutated(
            Tag.UNICODE,
            "`" + pathOf(s) + "`" + (append ? " ends with " : " is ") + o[1],
            Expect.ANY);
    m.replace.put(ph, o[0].getBytes(StandardCharsets.UTF_8));
    if (random.nextInt(6) == 0) {
      // raw bytes that are not UTF-8: the JSON text itself is malformed
      byte[][] bad = {
        {(byte) 0xc0, (byte) 0x80},
        {(byte) 0xed, (byte) 0xa0, (byte) 0x80},
        {(byte) 0xff},
        {(byte) 0xe2, (byte) 0x80},
      };
      Mutated raw =
          new Mutated(
              Tag.UNICODE,
              "`" + pathOf(s) + "` holds bytes that are not UTF-8",
              Expect.reject(400));
      raw.replace.put(ph, bad[random.nextInt(bad.length)]);
      return raw;
    }
    return m;
  }

  private Mutated number(Site s) {
    if (s == null) {
      return null;
    }
    String[] values = {
      "-1",
      "0",
      "-9223372036854775808",
      "9223372036854775807",
      "9223372036854775808",
      "-9223372036854775809",
      "1e400",
      "-1e400",
      "1E2",
      "2147483648",
      "100001",
      "10001",
      "1001",
      "1e-400",
      "-0",
      "123456789012345678901234567890",
      "0.1",
      "9".repeat(1001),
      "0." + "1".repeat(2000),
    };
    String v = pick(values);
    String ph = "qqPH" + n + "qq";
    set(s, new TextNode(ph));
    Mutated m;
    String what = "`" + pathOf(s) + "` = " + shorten(v, 40);
    if (v.length() > 1000) {
      // past the JSON parser's longest number: malformed, whatever the field
      m = new Mutated(Tag.NUMBER_RANGE, what, Expect.reject(400));
      m.replace.put("\"" + ph + "\"", v.getBytes(StandardCharsets.UTF_8));
      return m;
    }
    JsonNode parsed = parse(v);
    if (s.freeform()) {
      m = new Mutated(Tag.NUMBER_RANGE, what + " (free-form)", Expect.ANY);
    } else if (!parsed.isIntegralNumber() || !parsed.canConvertToLong()) {
      m = new Mutated(Tag.NUMBER_RANGE, what, Expect.reject(422));
    } else {
      long value = parsed.longValue();
      long[] range = range(s);
      boolean outside = range != null && (value < range[0] || value > range[1]);
      m = new Mutated(Tag.NUMBER_RANGE, what, outside ? Expect.reject(422) : Expect.ANY);
    }
    m.replace.put("\"" + ph + "\"", v.getBytes(StandardCharsets.UTF_8));
    return m;
  }

  /** The documented range of an integer field: {@code 1..N} in its description, or ≥ 0. */
  private static long[] range(Site s) {
    Matcher m = RANGE.matcher(s.schema().path("description").asText(""));
    if (m.find()) {
      return new long[] {Long.parseLong(m.group(1)), Long.parseLong(m.group(2))};
    }
    if ("at_least".equals(s.field())) {
      return new long[] {0, Long.MAX_VALUE}; // a revision: "cannot be negative"
    }
    return null;
  }

  private Mutated deep(Site s) {
    if (s == null) {
      return null;
    }
    int d = pick(new Integer[] {65, 70, 300, 5_000, 100_000});
    boolean arrays = random.nextBoolean();
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String deepText = open.repeat(d) + "1" + close.repeat(d);
    String what = "`" + pathOf(s) + "` nested " + d + " deep";
    Mutated m = new Mutated(Tag.DEEP_NESTING, what, Expect.reject(400));
    if (s.root()) {
      m.raw = deepText.getBytes(StandardCharsets.UTF_8);
      return m;
    }
    String ph = "qqPH" + n + "qq";
    set(s, new TextNode(ph));
    m.replace.put("\"" + ph + "\"", deepText.getBytes(StandardCharsets.UTF_8));
    return m;
  }

  private Mutated hugeArray(Site s) {
    if (s == null) {
      return null;
    }
    ArrayNode a = (ArrayNode) s.value();
    Integer bound =
        switch (s.path()) {
          case "checks" -> RequestCodec.MAX_BULK;
          case "updates", "grants" -> RequestCodec.MAX_UPDATES;
          default -> null;
        };
    if (random.nextInt(5) == 0) {
      a.removeAll();
      boolean required = bound != null; // checks, updates and grants need at least one
      return new Mutated(
          Tag.HUGE_ARRAY, "`" + s.path() + "` empty", required ? Expect.reject(422) : Expect.ANY);
    }
    JsonNode first = a.get(0);
    int size = bound != null ? bound + 1 + random.nextInt(3) : 1500;
    while (a.size() < size) {
      a.add(first.deepCopy());
    }
    Expect expect = bound != null ? Expect.reject(413, 422) : Expect.ANY;
    return new Mutated(Tag.HUGE_ARRAY, "`" + pathOf(s) + "` × " + size, expect);
  }

  private Mutated notAnObject() {
    String[] bodies = {"[]", "null", "1", "\"text\"", "true", "[{}]", "-0", "1e999"};
    String b = pick(bodies);
    Mutated m = new Mutated(Tag.NOT_AN_OBJECT, "the body is " + b, Expect.reject(422));
    m.raw = b.getBytes(StandardCharsets.UTF_8);
    return m;
  }

  private Mutated textLevel(byte[] valid) {
    String text = new String(valid, StandardCharsets.UTF_8);
    int k = random.nextInt(12);
    String what;
    String out =
        switch (k) {
          case 0 -> {
            what = "cut";
            yield text.substring(0, 1 + random.nextInt(text.length() - 1));
          }
          case 1 -> {
            what = "trailing data";
            yield text + pick(new String[] {"}", "x", "{}", ",", " 1", text});
          }
          case 2 -> {
            what = "single quotes";
            yield text.replace('"', '\'');
          }
          case 3 -> {
            what = "a comment";
            yield "/* c */" + text;
          }
          case 4 -> {
            what = "NaN";
            yield text.replaceFirst(":\\s*\"[^\"]*\"", ":NaN");
          }
          case 5 -> {
            what = "a raw newline in a string";
            yield text.replaceFirst("\"([a-z])", "\"\n$1");
          }
          case 6 -> {
            what = "a trailing comma";
            yield text.substring(0, text.length() - 1) + ",}";
          }
          case 7 -> {
            what = "unquoted keys";
            yield text.replaceAll("\"([a-z_]+)\":", "$1:");
          }
          case 8 -> {
            what = "empty";
            yield pick(new String[] {"", " ", "\r\n", "\t"});
          }
          case 9 -> {
            what = "a bad escape";
            yield text.replaceFirst("\"([a-z])", "\"\\\\x$1").replace("\\\\x", "\\x");
          }
          case 10 -> {
            what = "random bytes";
            byte[] b = new byte[1 + random.nextInt(200)];
            random.nextBytes(b);
            yield new String(b, StandardCharsets.ISO_8859_1);
          }
          default -> {
            what = "a byte flipped";
            char[] cs = text.toCharArray();
            int at = random.nextInt(cs.length);
            cs[at] = pick(new Character[] {'{', '}', '[', ']', '"', ',', ':', '\\'});
            yield new String(cs);
          }
        };
    byte[] bytes =
        k == 10 ? out.getBytes(StandardCharsets.ISO_8859_1) : out.getBytes(StandardCharsets.UTF_8);
    Expect expect = Expect.reject(400);
    if (parsesStrictly(bytes)) {
      // the change left valid JSON (a cut at a value boundary, a no-op replacement)
      expect = Expect.ANY;
    }
    Mutated m = new Mutated(Tag.MALFORMED_JSON, what, expect);
    m.raw = bytes;
    return m;
  }

  private static boolean parsesStrictly(byte[] bytes) {
    try {
      JsonNode node = Json.mapper().readTree(bytes);
      return node != null && !node.isMissingNode();
    } catch (IOException e) {
      return false;
    }
  }

  // ------------------------------------------------------------------ helpers

  private static String pathOf(Site s) {
    return s.path().isEmpty() ? "(body)" : s.path();
  }

  private <T> T pick(T[] items) {
    return items[random.nextInt(items.length)];
  }

  private static JsonNode parse(String text) {
    try {
      return JSON.readTree(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] write(JsonNode node) {
    try {
      return JSON.writeValueAsBytes(node);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static byte[] replace(byte[] in, byte[] what, byte[] with) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(in.length + with.length);
    int i = 0;
    outer:
    while (i < in.length) {
      if (i + what.length <= in.length) {
        for (int j = 0; j < what.length; j++) {
          if (in[i + j] != what[j]) {
            out.write(in[i]);
            i++;
            continue outer;
          }
        }
        out.writeBytes(with);
        i += what.length;
      } else {
        out.write(in[i]);
        i++;
      }
    }
    return out.toByteArray();
  }

  static String shorten(String s, int max) {
    return s.length() > max ? s.substring(0, max) + "...(" + s.length() + ")" : s;
  }
}
