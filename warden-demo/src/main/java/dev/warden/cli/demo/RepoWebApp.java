package dev.warden.cli.demo;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.warden.api.Authorizer;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Names;
import dev.warden.api.WardenException;
import dev.warden.identity.Identity;
import dev.warden.identity.JwtVerifier;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The quickstart repository app: {@code GET /repo/{name}} answers 200 when the current user may
 * {@code read} {@code Repository:<name>}, and 404 otherwise: a repository the user may not read
 * looks exactly like one that does not exist, so existence does not leak.
 *
 * <p>With a token verifier configured, only a verified bearer token ({@code Authorization: Bearer
 * <jwt>}) names the current user, and an {@code X-User} header is ignored: honouring it would let
 * anyone be anyone. Without a verifier (for trying the app with curl) the user comes from {@code
 * X-User} and bearer tokens are refused. No user, or a rejected token, answers 401.
 */
final class RepoWebApp implements AutoCloseable {

  private final Authorizer authorizer;
  private final JwtVerifier verifier;
  private final HttpServer server;
  private final ExecutorService executor;

  RepoWebApp(Authorizer authorizer, JwtVerifier verifier, String host, int port)
      throws IOException {
    this.authorizer = authorizer;
    this.verifier = verifier;
    server = HttpServer.create(new InetSocketAddress(host, port), 64);
    executor = Executors.newFixedThreadPool(4);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
  }

  void start() {
    server.start();
  }

  /** The port actually bound (useful with port 0). */
  int port() {
    return server.getAddress().getPort();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getPath();
      if (!path.startsWith("/repo/") || path.length() == "/repo/".length()) {
        send(x, 404, error("not_found", "no such page"));
        return;
      }
      if (!x.getRequestMethod().equals("GET")) {
        x.getResponseHeaders().add("Allow", "GET");
        send(x, 405, error("method_not_allowed", "only GET is supported"));
        return;
      }
      String name = path.substring("/repo/".length());
      EntityRef user;
      try {
        user = currentUser(x);
      } catch (WardenException e) {
        x.getResponseHeaders().add("WWW-Authenticate", "Bearer");
        send(x, 401, error(e.code().wireName(), e.getMessage()));
        return;
      }
      if (Names.idProblem(name) == null && mayRead(user, name)) {
        send(x, 200, "{\"repository\":" + quote(name) + ",\"user\":" + quote(user.id()) + "}");
      } else {
        send(x, 404, error("not_found", "repository `" + name + "` not found"));
      }
    }
  }

  private boolean mayRead(EntityRef user, String name) {
    try {
      return authorizer
          .check(CheckRequest.of(user, "read", EntityRef.of("Repository", name)))
          .allowed();
    } catch (WardenException e) {
      return false; // fail closed: an undecidable request reads as "not found"
    }
  }

  private EntityRef currentUser(HttpExchange x) {
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (verifier != null) {
      if (auth == null) {
        throw new WardenException(
            ErrorCode.UNAUTHENTICATED,
            "who is asking? send a bearer token (X-User is ignored when tokens are verified)");
      }
      Identity id = verifier.verifyAuthorizationHeader(auth);
      return id.actor();
    }
    if (auth != null) {
      throw new WardenException(
          ErrorCode.UNAUTHENTICATED,
          "bearer tokens are not enabled: start the app with --secret or --jwks");
    }
    String header = x.getRequestHeaders().getFirst("X-User");
    if (header == null || header.isBlank()) {
      throw new WardenException(
          ErrorCode.UNAUTHENTICATED, "who is asking? send `X-User: <id>` or a bearer token");
    }
    return EntityRef.of("User", header.strip());
  }

  private static void send(HttpExchange x, int status, String json) throws IOException {
    byte[] body = (json + "\n").getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", "application/json");
    x.sendResponseHeaders(status, body.length);
    try (OutputStream os = x.getResponseBody()) {
      os.write(body);
    }
  }

  private static String error(String code, String message) {
    return "{\"error\":{\"code\":" + quote(code) + ",\"message\":" + quote(message) + "}}";
  }

  private static String quote(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      dev.warden.wire.WireJson.mapper();

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
