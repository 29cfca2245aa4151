package dev.warden.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.Warden;
import dev.warden.api.DecisionLog;
import dev.warden.audit.AuditLog;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.Principal;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Call;
import dev.warden.server.http.ErrorMapper;
import dev.warden.server.http.PercentDecoding;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

/**
 * The HTTP PDP: Vert.x HTTP servers (one per event loop, sharing the port) in front of a {@link
 * Warden}.
 *
 * <pre>
 * request ─▶ route (404/405) ─▶ ready? (503) ─▶ body ≤ limit (413) ─▶ API key (401/403)
 *         ─▶ handler: on the event loop when it cannot block, else on a worker thread
 *         ─▶ reply, or ErrorMapper for any failure ─▶ metrics
 * </pre>
 *
 * Checks answer on the event loop: they take microseconds and never wait, except when the decoded
 * request asks for {@code at_least} a revision the engine has not reached (a pool of its own,
 * {@link ConsistencyWaits}) or has a body over {@value #LARGE_BODY_BYTES} bytes, which goes to a
 * worker like writes and lookups do. The routes come from the API families ({@link Api}); {@link
 * Gate} authenticates and admits every call before its handler.
 *
 * <p>{@link #close()} shuts down gracefully: readiness turns 503, listeners stop accepting, watch
 * streams end, requests in flight finish (up to the grace period), then the store closes.
 */
public final class WardenServer implements AutoCloseable {

  private static final Logger LOG = Logger.getLogger(WardenServer.class.getName());
  private static final int MAX_REQUEST_LINE = 8192;
  private static final int MAX_HEADERS = 16_384;

  /**
   * Bodies above this are answered on a worker thread even on routes that answer on the event loop:
   * parsing and evaluating a large check (a big context, many contextual grants) takes long enough
   * to delay every other connection of that loop.
   */
  static final int LARGE_BODY_BYTES = 16 * 1024;

  private final ServerConfig config;
  private final Warden warden;
  private final Gate gate;
  private final ObjectMapper json = Json.mapper();
  private final ServerMetrics metrics;
  private final List<Route> routes;
  private final Vertx vertx;
  private final List<HttpServer> servers = new ArrayList<>();
  private final WatchStreams watch;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicBoolean draining = new AtomicBoolean();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Optional<ServerAudit> audit;
  private final ConnectionLimiter connections;
  private final ConsistencyWaits waits;
  private final Router router;
  private int port;

  private WardenServer(
      ServerConfig config,
      Warden warden,
      ApiKeys keys,
      PolicyVersions versions,
      DecisionLog decisionLog,
      Optional<ServerAudit> audit) {
    this.config = config;
    this.warden = warden;
    this.gate = new Gate(keys, config.insecureDev());
    this.audit = audit;
    this.metrics = new ServerMetrics(warden::revision);
    audit.ifPresent(a -> metrics.bindAudit(a.log()::stats));
    this.connections = new ConnectionLimiter(config.limits().maxConnections());
    metrics.bindConnections(connections);
    this.vertx =
        Vertx.vertx(
            new VertxOptions().setEventLoopPoolSize(config.eventLoops()).setWorkerPoolSize(16));
    this.waits = new ConsistencyWaits(vertx, config.limits().maxConsistencyWaits());
    this.watch = new WatchStreams(vertx, warden.store(), json, config.watchPoll());
    AuditLog durable = audit.filter(ServerAudit::durable).map(ServerAudit::log).orElse(null);
    ApiContext api =
        new ApiContext(
            warden,
            json,
            versions,
            new Decisions(new DecisionRecorder(decisionLog, durable, metrics), versions, metrics));
    List<Api> families =
        List.of(
            new PublicApi(api, metrics, draining::get),
            new WatchApi(watch),
            new CheckApi(api),
            new LookupApi(api),
            new RelationshipApi(api),
            new PolicyApi(api),
            new AuditApi(audit.map(ServerAudit::store), json));
    List<Route> all = new ArrayList<>();
    for (Api family : families) {
      all.addAll(family.routes());
    }
    this.routes = List.copyOf(all);
    this.router = router();
    metrics.routes(routes.stream().map(Route::path).toList());
  }

  /**
   * Starts a server.
   *
   * @param keys the accepted API keys; ignored (everything allowed) when the config says {@code
   *     insecure_dev}
   */
  public static WardenServer start(
      ServerConfig config,
      Warden warden,
      ApiKeys keys,
      PolicyVersions versions,
      DecisionLog decisionLog) {
    return start(config, warden, keys, versions, decisionLog, Optional.empty());
  }

  /**
   * Starts a server over a {@link Backend}: decisions are recorded to its audit log when it has
   * one, which {@code GET /v1/audit} then reads; {@link #close()} closes the log, then the store.
   */
  public static WardenServer start(ServerConfig config, Backend backend, ApiKeys keys) {
    return start(
        config,
        backend.warden(),
        keys,
        backend.versions(),
        backend.audit().<DecisionLog>map(ServerAudit::log).orElse(DecisionLog.NONE),
        backend.audit());
  }

  private static WardenServer start(
      ServerConfig config,
      Warden warden,
      ApiKeys keys,
      PolicyVersions versions,
      DecisionLog decisionLog,
      Optional<ServerAudit> audit) {
    Objects.requireNonNull(warden, "warden");
    if (!config.insecureDev() && (keys == null || keys.isEmpty())) {
      throw new IllegalArgumentException(
          "no API keys configured: create one (warden keys create) or run with --insecure-dev");
    }
    WardenServer s = new WardenServer(config, warden, keys, versions, decisionLog, audit);
    try {
      s.listen();
    } catch (RuntimeException e) {
      s.close();
      throw e;
    }
    return s;
  }

  private void listen() {
    HttpServerOptions options =
        new HttpServerOptions()
            .setHost(config.bind())
            // HTTP/1.1 keep-alive only: no h2c upgrade, one protocol to harden and measure
            .setHttp2ClearTextEnabled(false)
            .setMaxInitialLineLength(MAX_REQUEST_LINE)
            .setMaxHeaderSize(MAX_HEADERS)
            .setIdleTimeout(120)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
    // One server per event loop, each deployed in its own verticle so that it gets its own
    // event-loop thread; Vert.x spreads connections over servers sharing a port. A negative port
    // is Vert.x's "one random port shared by every server asking for it".
    int listenOn = config.port() == 0 ? -1 : config.port();
    java.util.concurrent.atomic.AtomicInteger bound =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.function.Supplier<io.vertx.core.Deployable> verticle =
        () ->
            new io.vertx.core.VerticleBase() {
              @Override
              public io.vertx.core.Future<?> start() {
                HttpServer server =
                    vertx
                        .createHttpServer(options)
                        .connectionHandler(connections::accept)
                        .invalidRequestHandler(WardenServer.this::invalid)
                        .requestHandler(router);
                synchronized (servers) {
                  servers.add(server);
                }
                return server
                    .listen(listenOn, config.bind())
                    .onSuccess(h -> bound.set(h.actualPort()));
              }
            };
    await(
        vertx.deployVerticle(
            verticle, new io.vertx.core.DeploymentOptions().setInstances(config.eventLoops())));
    port = bound.get();
  }

  /** The port the server listens on. */
  public int port() {
    return port;
  }

  /** Every route the server answers, for the OpenAPI test and docs. */
  public List<Route> routes() {
    return routes;
  }

  /** Requests being answered now (watch streams excluded). */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * The router: one regex route per {@link Route}, matched against the raw path (not Vert.x's
   * normalized one, which would fold {@code //}, dot segments and percent-encoded letters into a
   * route the path does not name). No body handler: {@link #accept} reads the body itself, after
   * the checks a request head alone decides.
   */
  private Router router() {
    Router router = Router.router(vertx);
    for (Route r : routes) {
      router
          .routeWithRegex(HttpMethod.valueOf(r.method()), r.regex())
          .useNormalizedPath(false)
          .handler(ctx -> accept(ctx.request(), r));
    }
    router.errorHandler(404, ctx -> unrouted(ctx.request()));
    router.errorHandler(405, ctx -> unrouted(ctx.request()));
    // what Vert.x Web refuses before routing: an HTTP/1.1 request without Host, an empty path
    router.errorHandler(400, ctx -> unroutable(ctx.request()));
    return router;
  }

  /** Counts the request in flight until it is answered or its client goes away. */
  private AtomicBoolean begin(HttpServerRequest req) {
    inFlight.incrementAndGet();
    AtomicBoolean open = new AtomicBoolean(true);
    // a client that goes away mid-request must not hold shutdown for the whole grace period
    req.response().closeHandler(v -> release(open));
    return open;
  }

  /** No route for the path (404), or none for the method on a path that has routes (405). */
  private void unrouted(HttpServerRequest req) {
    long start = System.nanoTime();
    AtomicBoolean open = begin(req);
    String path = req.path();
    boolean pathKnown = routes.stream().anyMatch(r -> r.matches(path));
    if (pathKnown) {
      req.response().putHeader("Allow", allowed(path));
      finish(
          open,
          req,
          allowedTemplate(path),
          start,
          error(405, "method_not_allowed", req.method() + " is not allowed on " + path));
    } else {
      finish(open, req, "unmatched", start, error(404, "not_found", "no route " + path));
    }
  }

  private void unroutable(HttpServerRequest req) {
    long start = System.nanoTime();
    AtomicBoolean open = begin(req);
    req.response().putHeader("Connection", "close");
    String message =
        req.path() == null || req.path().isEmpty()
            ? "the request target has no path"
            : "an HTTP/1.1 request needs a valid Host header";
    finish(open, req, "unmatched", start, error(400, "malformed_request", message));
  }

  /** A request the router matched to {@code r}: the head's checks, then the body, then dispatch. */
  private void accept(HttpServerRequest req, Route r) {
    long start = System.nanoTime();
    AtomicBoolean open = begin(req);
    boolean isPublic = r.scope() == null;
    if (draining.get() && !isPublic) {
      req.response().putHeader("Connection", "close");
      finish(open, req, r.path(), start, error(503, "not_ready", "the server is shutting down"));
      return;
    }
    long declared = declaredLength(req.getHeader("Content-Length"));
    if (declared > Math.max(16 * config.bodyLimitBytes(), 16 << 20)) {
      // far too large to drain: answer now and drop the connection
      req.response().putHeader("Connection", "close");
      tooLarge(open, req, r, start);
      return;
    }
    String expect = req.getHeader("Expect");
    if (expect != null && !expectContinue(open, req, r, declared, expect, start)) {
      return;
    }
    // a body over the limit is drained and dropped, then answered 413 on a connection that stays
    // usable: answering while the client still sends would reset the connection under it
    Buffer body = Buffer.buffer();
    AtomicBoolean overflow = new AtomicBoolean(declared > config.bodyLimitBytes());
    req.handler(
        chunk -> {
          if (body.length() + chunk.length() > config.bodyLimitBytes()) {
            overflow.set(true);
          } else if (!overflow.get()) {
            body.appendBuffer(chunk);
          }
        });
    req.exceptionHandler(e -> LOG.fine(() -> "request failed: " + e));
    req.endHandler(
        v -> {
          if (overflow.get()) {
            tooLarge(open, req, r, start);
          } else {
            dispatch(open, req, r, body.getBytes(), start);
          }
        });
  }

  /**
   * A request the HTTP codec could not decode (a request line or headers over the limits, a
   * malformed head). Vert.x's own answer has no body; this one has the documented error shape. The
   * connection then closes: what follows the bad head cannot be framed.
   */
  private void invalid(HttpServerRequest req) {
    long start = System.nanoTime();
    Throwable cause = req.decoderResult().cause();
    Reply reply;
    if (cause instanceof TooLongHttpLineException) {
      reply =
          error(
              414,
              "uri_too_long",
              "the request line is longer than " + MAX_REQUEST_LINE + " bytes");
    } else if (cause instanceof TooLongHttpHeaderException) {
      reply =
          error(
              431,
              "headers_too_large",
              "the request headers are larger than " + MAX_HEADERS + " bytes");
    } else {
      reply = error(400, "malformed_request", "the request is not well-formed HTTP/1.1");
    }
    HttpServerResponse res = req.response();
    try {
      res.setStatusCode(reply.status())
          .putHeader("Content-Type", reply.contentType())
          .putHeader("Connection", "close")
          .end(Buffer.buffer(reply.body()))
          .onComplete(v -> req.connection().close());
    } catch (IllegalStateException e) {
      req.connection().close(); // the client already went away
    } finally {
      metrics.request(req.method().name(), "unmatched", reply.status(), System.nanoTime() - start);
    }
  }

  /**
   * Answers {@code Expect: 100-continue} with 100 once the request can succeed as far as its head
   * tells (route, declared length, key, scope); otherwise answers the final error at once, without
   * 100, and closes the connection since the client may or may not send the body. Any other
   * expectation is 417. Returns true when the request goes on to read its body.
   */
  private boolean expectContinue(
      AtomicBoolean open,
      HttpServerRequest req,
      Route r,
      long declared,
      String expect,
      long start) {
    Reply refusal = null;
    if (!expect.trim().equalsIgnoreCase("100-continue")) {
      refusal = error(417, "expectation_failed", "only `Expect: 100-continue` is supported");
    } else if (declared > config.bodyLimitBytes()) {
      refusal = tooLargeReply();
    } else {
      try {
        gate.admit(req, r);
      } catch (ApiError e) {
        if (e.status() == 401) {
          req.response().putHeader("WWW-Authenticate", "Bearer");
        }
        refusal = ErrorMapper.toReply(json, e);
      }
    }
    if (refusal == null) {
      req.response().writeContinue();
      return true;
    }
    req.response().putHeader("Connection", "close");
    finish(open, req, r.path(), start, refusal);
    return false;
  }

  private static long declaredLength(String length) {
    if (length == null) {
      return -1;
    }
    try {
      return Long.parseLong(length.trim());
    } catch (NumberFormatException e) {
      return -1; // the HTTP codec has already refused a malformed length
    }
  }

  private void tooLarge(AtomicBoolean open, HttpServerRequest req, Route r, long start) {
    finish(open, req, r.path(), start, tooLargeReply());
  }

  private Reply tooLargeReply() {
    return error(
        413,
        "body_too_large",
        "the body exceeds the limit of " + config.bodyLimitBytes() + " bytes");
  }

  private void dispatch(
      AtomicBoolean open, HttpServerRequest req, Route r, byte[] body, long start) {
    Principal principal;
    try {
      // a malformed path or query is the client's error, whatever the handler would read
      PercentDecoding.checkPath(req.path());
      PercentDecoding.checkQuery(req.query());
      principal = gate.admit(req, r);
    } catch (ApiError e) {
      if (e.status() == 401) {
        req.response().putHeader("WWW-Authenticate", "Bearer");
      }
      finish(open, req, r.path(), start, ErrorMapper.toReply(json, e));
      return;
    }
    Call call = new Call(req, r, principal, body, json);
    Context context = vertx.getOrCreateContext(); // this request's event loop
    Future<Reply> offLoop = null;
    if (r.blocking() || body.length > LARGE_BODY_BYTES) {
      // decoding a large body would hold the loop: learn on the worker whether it waits
      offLoop =
          vertx
              .executeBlocking(
                  () -> waits(r, call) ? Optional.<Reply>empty() : Optional.of(answer(r, call)),
                  false)
              .compose(
                  answered ->
                      answered
                          .map(Future::succeededFuture)
                          .orElseGet(() -> waits.submit(() -> answer(r, call))));
    } else if (waits(r, call)) {
      offLoop = waits.submit(() -> answer(r, call));
    }
    if (offLoop != null) {
      offLoop.onComplete(
          ar -> {
            deliver(
                context,
                open,
                req,
                r.path(),
                start,
                ar.succeeded() ? ar.result() : ErrorMapper.toReply(json, ar.cause()));
          });
    } else {
      Reply reply = answer(r, call);
      if (reply != null) {
        deliver(context, open, req, r.path(), start, reply);
      } else {
        release(open); // a stream: it lives outside the in-flight count
      }
    }
  }

  /**
   * Sends the reply now, or, when it is held ({@link Reply#gate}, durable audit), once its gate
   * completes: the completion (on the audit writer's thread) only schedules the send on the
   * request's event loop, and nothing waits in between. A gate that fails (the audit log gave up on
   * the record) turns the answer into that error: the decision is not answered.
   */
  private void deliver(
      Context context,
      AtomicBoolean open,
      HttpServerRequest req,
      String template,
      long start,
      Reply reply) {
    if (reply.gate() == null) {
      finish(open, req, template, start, reply);
      return;
    }
    reply
        .gate()
        .whenComplete(
            (v, failure) ->
                context.runOnContext(
                    x ->
                        finish(
                            open,
                            req,
                            template,
                            start,
                            failure == null ? reply : ErrorMapper.toReply(json, failure))));
  }

  /**
   * True when the call asks for a revision ({@code at_least}) the engine has not reached: it may
   * wait for it, so it is answered on the {@link ConsistencyWaits} pool, which bounds the waits and
   * keeps them off the workers that writes need. Decided from the decoded request, not the bytes: a
   * value that merely reads {@code at_least} does not wait, nor does a revision already reached.
   */
  @SuppressWarnings("IllegalCatch") // a body that does not decode waits for nothing
  private boolean waits(Route r, Call call) {
    if (r.awaits() == null) {
      return false;
    }
    try {
      return r.awaits().revision(call) > warden.revision();
    } catch (RuntimeException e) {
      return false; // the handler decodes it again and answers the error
    }
  }

  @SuppressWarnings("IllegalCatch") // the one place every failure becomes an answer
  private Reply answer(Route r, Call call) {
    try {
      return r.handler().handle(call);
    } catch (Throwable t) {
      return ErrorMapper.toReply(json, t);
    }
  }

  private void finish(
      AtomicBoolean open, HttpServerRequest req, String template, long start, Reply reply) {
    HttpServerResponse res = req.response();
    try {
      if (reply.status() == 503 && res.headers().get("Retry-After") == null) {
        // every 503 is temporary (shutting down, busy, a wait that timed out, a store that is
        // down): the client learns when to try again, and backs off instead of retrying at once
        res.putHeader("Retry-After", "1");
      }
      res.setStatusCode(reply.status())
          .putHeader("Content-Type", reply.contentType())
          .end(Buffer.buffer(reply.body()));
      if ("close".equals(res.headers().get("Connection"))) {
        req.connection().close();
      }
    } catch (IllegalStateException e) {
      // the client went away before the answer; nothing to send it to
    } finally {
      metrics.request(req.method().name(), template, reply.status(), System.nanoTime() - start);
      release(open);
    }
  }

  private void release(AtomicBoolean open) {
    if (open.compareAndSet(true, false)) {
      inFlight.decrementAndGet();
    }
  }

  private String allowed(String path) {
    List<String> methods = new ArrayList<>();
    for (Route r : routes) {
      if (r.matches(path)) {
        methods.add(r.method());
      }
    }
    return String.join(", ", methods);
  }

  private String allowedTemplate(String path) {
    for (Route r : routes) {
      if (r.matches(path)) {
        return r.path();
      }
    }
    return "unmatched";
  }

  private Reply error(int status, String code, String message) {
    return ErrorMapper.reply(json, status, code, message, List.of());
  }

  private static <T> T await(io.vertx.core.Future<T> f) {
    try {
      return f.toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while starting or stopping", e);
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      throw new IllegalStateException("server start or stop failed: " + e.getMessage(), e);
    }
  }

  /**
   * Stops gracefully: not ready, no new connections, watch streams ended, in-flight requests
   * finished (up to the grace period), then the event loops, the audit log (flushed) and the store
   * close, in that order. Idempotent.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    draining.set(true);
    long deadline = System.nanoTime() + config.shutdownGrace().toNanos();
    List<io.vertx.core.Future<Void>> stops = new ArrayList<>();
    for (HttpServer s : servers) {
      stops.add(s.shutdown(config.shutdownGrace()));
    }
    watch.closeAll();
    while (inFlight.get() > 0 && System.nanoTime() < deadline) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    // the requests are done; idle keep-alive connections need not be waited for
    for (HttpServer s : servers) {
      stops.add(s.close());
    }
    for (io.vertx.core.Future<Void> f : stops) {
      try {
        await(f);
      } catch (IllegalStateException e) {
        LOG.warning("a listener did not stop cleanly: " + e.getMessage());
      }
    }
    waits.close();
    try {
      await(vertx.close());
    } finally {
      try {
        // every decision answered is committed before the database goes away
        audit.ifPresent(ServerAudit::close);
      } finally {
        metrics.close();
        warden.close();
      }
    }
  }
}
