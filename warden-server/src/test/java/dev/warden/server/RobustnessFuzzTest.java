package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Thousands of malformed and oversized requests: random bytes, truncated JSON, wrong types, huge
 * strings, deep nesting, bad request lines and headers. None may get a 5xx or crash the server, and
 * no stored grant, attribute or policy may change. Seeded; the seed is printed on failure.
 */
class RobustnessFuzzTest {

  private static final long SEED = Long.getLong("fuzz.seed", 20261201L);
  private static final String[] POST_ROUTES = {
    "/v1/check",
    "/v1/check/bulk",
    "/v1/explain",
    "/v1/lookup/resources",
    "/v1/lookup/subjects",
    "/v1/relationships/write",
    "/v1/relationships/read",
    "/v1/relationships/delete",
  };
  private static final String[] VALID = {
    TestServer.check("User:larry", "read", "Repository:gmail"),
    "{\"checks\":[" + TestServer.check("User:anne", "read", "Repository:react") + "]}",
    "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\",\"resource_type\":\"Repository\"}",
    "{\"action\":\"read\",\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\"},\"subject_type\":\"User\"}",
    "{\"updates\":[{\"operation\":\"touch\",\"grant\":{\"resource\":{\"type\":\"Repository\",\"id\":\"f\"},\"relation\":\"admin\",\"subject\":{\"type\":\"User\",\"id\":\"f\"}}}]}",
    "{\"filter\":{\"resource_type\":\"Repository\",\"resource_id\":\"gmail\"}}",
  };

  @Test
  void malformedRequestsNeverGet5xxAndNeverChangeState() throws Exception {
    try (TestServer s =
        new TestServer(
            ServerConfig.builder().port(0).bodyLimitBytes(64 * 1024).build(),
            dev.warden.api.DecisionLog.NONE)) {
      String before = snapshot(s);
      long revision = s.warden.revision();
      Random random = new Random(SEED);
      List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());
      java.util.concurrent.atomic.AtomicInteger count =
          new java.util.concurrent.atomic.AtomicInteger();
      long deadline = System.nanoTime() + 18_000_000_000L;
      // four client threads, each with its own seeded generator, keep both server cores busy
      List<Thread> threads = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        Random own = new Random(SEED + t);
        Thread thread =
            new Thread(
                () -> {
                  for (int i = 0; i < 1000 && System.nanoTime() < deadline - 6_000_000_000L; i++) {
                    String route = POST_ROUTES[own.nextInt(POST_ROUTES.length)];
                    byte[] body = malformed(own);
                    String key = own.nextInt(10) == 0 ? "wk_bad_" + i : s.admin;
                    TestServer.Res r =
                        s.send(
                            s.request(route, key)
                                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                                .build());
                    count.incrementAndGet();
                    if (r.status() >= 500 || r.json() == null || !r.json().has("error")) {
                      failures.add(
                          r.status() + " " + route + " " + preview(body) + " -> " + r.text());
                    }
                  }
                });
        thread.start();
        threads.add(thread);
      }
      for (Thread thread : threads) {
        thread.join();
      }
      int sent = count.get();
      System.out.println(
          "fuzz: posts done " + sent + " at " + (System.nanoTime() - deadline) / 1_000_000 + " ms");
      for (int i = 0; i < 200 && System.nanoTime() < deadline; i++) {
        String put = random.nextBoolean() ? "/v1/policy" : "/v1/entities/Repository/gmail";
        TestServer.Res r =
            s.send(
                s.request(put, s.admin)
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(malformed(random)))
                    .build());
        sent++;
        if (r.status() >= 500 || r.status() == 200) {
          failures.add(r.status() + " PUT " + put + " -> " + r.text());
        }
      }
      for (int i = 0; i < 300 && System.nanoTime() < deadline; i++) {
        int status = raw(s.server.port(), badRequest(random, s.admin));
        sent++;
        if (status >= 500) {
          failures.add(status + " for a raw malformed request #" + i);
        }
      }
      System.out.println(
          "fuzz: all done " + sent + " at " + (System.nanoTime() - deadline) / 1_000_000 + " ms");
      assertThat(failures).as("seed " + SEED + ", " + sent + " requests").isEmpty();
      assertThat(sent).isGreaterThan(1000);
      assertThat(s.get("/healthz", null).status()).isEqualTo(200);
      assertThat(s.post("/v1/check", s.checker, VALID[0]).json().get("allowed").asBoolean())
          .isTrue();
      assertThat(s.warden.revision()).isEqualTo(revision);
      assertThat(snapshot(s)).isEqualTo(before);
    }
  }

  /**
   * Every grant, the attributes the fuzzer aims at, and the policy version: what must not change.
   */
  private static String snapshot(TestServer s) {
    StringBuilder sb = new StringBuilder();
    String cursor = null;
    do {
      var page = s.warden.store().read(dev.warden.api.GrantFilter.ALL, cursor, 1000);
      page.items().forEach(g -> sb.append(g).append('\n'));
      cursor = page.nextCursor();
    } while (cursor != null);
    sb.append(s.warden.store().attributes(dev.warden.api.EntityRef.of("Repository", "gmail")));
    sb.append(s.get("/v1/policy", s.admin).json().get("version"));
    return sb.toString();
  }

  /** A body that can never be a valid request. */
  private static byte[] malformed(Random r) {
    String valid = VALID[r.nextInt(VALID.length)];
    return switch (r.nextInt(8)) {
      case 0 -> randomBytes(r, r.nextInt(300));
      case 1 -> valid.substring(0, r.nextInt(valid.length() - 1)).getBytes(StandardCharsets.UTF_8);
      case 2 -> wrongType(valid, r).getBytes(StandardCharsets.UTF_8);
      case 3 ->
          valid
              .replaceFirst(
                  "\"[a-z]+\"",
                  "\"" + "y".repeat(1000 + r.nextInt(r.nextBoolean() ? 5_000 : 100_000)) + "\"")
              .getBytes(StandardCharsets.UTF_8);
      case 4 -> deep(r);
      case 5 -> (valid + valid.substring(0, 1 + r.nextInt(5))).getBytes(StandardCharsets.UTF_8);
      case 6 -> mutate(valid, r);
      default -> r.nextBoolean() ? new byte[0] : "null".getBytes(StandardCharsets.UTF_8);
    };
  }

  private static byte[] randomBytes(Random r, int n) {
    byte[] b = new byte[n];
    r.nextBytes(b);
    return b;
  }

  private static byte[] deep(Random r) {
    int depth = 50 + r.nextInt(5000);
    String open = r.nextBoolean() ? "[" : "{\"a\":";
    String close = open.equals("[") ? "]" : "}";
    return (open.repeat(depth) + "1" + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] mutate(String valid, Random r) {
    byte[] b = valid.getBytes(StandardCharsets.UTF_8);
    String breakers = "{}[]\",:\\\u0000";
    for (int k = 0; k < 1 + r.nextInt(4); k++) {
      b[r.nextInt(b.length)] = (byte) breakers.charAt(r.nextInt(breakers.length()));
    }
    return mustBreak(b);
  }

  /** Mutated bytes, unless the mutation left valid JSON (which could be a valid request). */
  private static byte[] mustBreak(byte[] mutated) {
    try {
      TestServer.JSON.readTree(mutated);
      return new byte[] {'{'};
    } catch (IOException e) {
      return mutated;
    }
  }

  private static String wrongType(String valid, Random r) {
    String[] replacement = {"1", "[]", "{}", "true", "null", "-9e999", "\"\""};
    String[] fields = {
      "\"actor\":",
      "\"action\":",
      "\"resource\":",
      "\"type\":",
      "\"id\":",
      "\"checks\":",
      "\"updates\":",
      "\"grant\":",
      "\"filter\":",
      "\"subject_type\":",
      "\"resource_type\":"
    };
    for (int attempt = 0; attempt < 20; attempt++) {
      String f = fields[r.nextInt(fields.length)];
      int at = valid.indexOf(f);
      if (at >= 0) {
        int start = at + f.length();
        int end = valueEnd(valid, start);
        String rep = replacement[r.nextInt(replacement.length)];
        if (rep.equals("\"\"") && !valid.startsWith("\"", start)) {
          rep = "1";
        }
        return valid.substring(0, start) + rep + valid.substring(end);
      }
    }
    return "{\"x\":1}";
  }

  private static int valueEnd(String s, int start) {
    char c = s.charAt(start);
    if (c == '"') {
      return s.indexOf('"', start + 1) + 1;
    }
    int depth = 0;
    for (int i = start; i < s.length(); i++) {
      char ch = s.charAt(i);
      if (ch == '{' || ch == '[') {
        depth++;
      } else if (ch == '}' || ch == ']') {
        depth--;
        if (depth == 0) {
          return i + 1;
        }
      }
    }
    return s.length();
  }

  /** A request that is wrong at the HTTP level. */
  private static byte[] badRequest(Random r, String key) {
    String body = "{}";
    return switch (r.nextInt(7)) {
      case 0 ->
          ("POST /v1/check HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n" + body)
              .getBytes(StandardCharsets.US_ASCII);
      case 1 ->
          ("POST /v1/check HTTP/1.1\r\nHost: x\r\nX-Big: "
                  + "h".repeat(20_000 + r.nextInt(40_000))
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      case 2 ->
          ("GET /" + "p".repeat(10_000) + " HTTP/1.1\r\nHost: x\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      case 3 -> randomBytes(r, 1 + r.nextInt(500));
      case 4 ->
          ("POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + key
                  + "\r\nContent-Length: 100\r\n\r\n{\"a\"")
              .getBytes(StandardCharsets.US_ASCII);
      case 5 ->
          ("POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \u00ff\u00fe"
                  + "\r\nContent-Length: 2\r\n\r\n{}")
              .getBytes(StandardCharsets.ISO_8859_1);
      default ->
          ("POST /v1/check HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
                  + key
                  + "\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
    };
  }

  /** Sends raw bytes, half-closes, and returns the status (0 when the server just closed). */
  private static int raw(int port, byte[] request) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(1000);
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      socket.shutdownOutput();
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(12);
      String line = new String(head, StandardCharsets.US_ASCII);
      return line.startsWith("HTTP/1.") && line.length() >= 12
          ? Integer.parseInt(line.substring(9, 12))
          : 0;
    } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
      return 0;
    }
  }

  private static String preview(byte[] body) {
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > 120 ? s.substring(0, 120) + "..." : s;
  }
}
