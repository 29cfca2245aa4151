package dev.warden.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A scripted HTTP server on loopback (the JDK's own), for what the real server will not do on
 * demand: fail the first requests with 503, answer through a "proxy", send a broken body. Answers
 * come from the script in order, then the fallback; every request is recorded.
 */
final class StubServer implements AutoCloseable {

  /** One scripted answer. */
  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(int status, String body) {
      return new Answer(status, body, Map.of("Content-Type", "application/json"));
    }

    static Answer error(int status, String code) {
      return json(
          status,
          "{\"error\":{\"code\":\""
              + code
              + "\",\"message\":\"scripted "
              + code
              + "\",\"details\":[]}}");
    }
  }

  /** One request as the stub saw it. */
  record Seen(
      String method, String path, int remotePort, Map<String, List<String>> headers, String body) {
    String header(String name) {
      for (Map.Entry<String, List<String>> e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  static final Answer ALLOWED =
      Answer.json(200, "{\"allowed\":true,\"revision\":7,\"decision_id\":null}");
  static final Answer REVISION = Answer.json(200, "{\"revision\":7}");

  private final HttpServer server;
  private final ExecutorService pool = Executors.newFixedThreadPool(4);
  private final Queue<Answer> script = new ConcurrentLinkedQueue<>();
  private final List<Seen> seen = new CopyOnWriteArrayList<>();
  private final Answer fallback;

  StubServer(Answer fallback) {
    this.fallback = fallback;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  /** Answers the next requests with these, in order. */
  StubServer then(Answer... answers) {
    script.addAll(List.of(answers));
    return this;
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  List<Seen> seen() {
    return List.copyOf(seen);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      seen.add(
          new Seen(
              x.getRequestMethod(),
              x.getRequestURI().getRawPath(),
              x.getRemoteAddress().getPort(),
              Map.copyOf(x.getRequestHeaders()),
              body));
      Answer a = script.poll();
      if (a == null) {
        a = fallback;
      }
      a.headers().forEach((k, v) -> x.getResponseHeaders().add(k, v));
      byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
      x.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    pool.shutdownNow();
  }
}
