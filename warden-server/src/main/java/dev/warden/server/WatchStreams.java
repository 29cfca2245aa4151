package dev.warden.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.Change;
import dev.warden.api.WardenException;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Call;
import dev.warden.server.http.ErrorMapper;
import dev.warden.server.http.Reply;
import dev.warden.store.TupleStore;
import dev.warden.wire.AnswerCodec;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code GET /v1/watch}: committed changes as server-sent events, one event per revision:
 *
 * <pre>
 * id: 42
 * event: changes
 * data: {"revision":42,"changes":[{"type":"grant_written","revision":42,"grant":{...}}]}
 * </pre>
 *
 * One event per revision (not per change) so that {@code Last-Event-ID} resumes exactly: a batch is
 * delivered whole or not at all. Streams start after {@code ?after=N}, or after the {@code
 * Last-Event-ID} a reconnecting client sends, or else after the current revision. Each stream polls
 * {@link TupleStore#changes} on a worker thread; an idle stream gets a comment every 15 seconds so
 * proxies keep it open.
 */
final class WatchStreams {

  private static final int BATCH = 256;
  private static final long HEARTBEAT_MS = 15_000;

  private final Vertx vertx;
  private final TupleStore store;
  private final ObjectMapper json;
  private final Duration poll;
  private final Set<Stream> open = ConcurrentHashMap.newKeySet();

  WatchStreams(Vertx vertx, TupleStore store, ObjectMapper json, Duration poll) {
    this.vertx = vertx;
    this.store = store;
    this.json = json;
    this.poll = poll;
  }

  /** Opens a stream; answers an error instead when the starting point is bad. */
  Reply open(Call call) {
    long after = startingPoint(call);
    HttpServerResponse res = call.request().response();
    res.setChunked(true)
        .setStatusCode(200)
        .putHeader("Content-Type", "text/event-stream")
        .putHeader("Cache-Control", "no-cache");
    Stream s = new Stream(res, after);
    open.add(s);
    res.write("retry: 1000\n\n");
    res.closeHandler(v -> s.stop());
    s.timer = vertx.setPeriodic(poll.toMillis(), id -> s.tick());
    return null;
  }

  private long startingPoint(Call call) {
    String lastId = call.request().getHeader("Last-Event-ID");
    String after = lastId != null ? lastId : call.request().getParam("after");
    if (after == null) {
      return store.revision();
    }
    try {
      long v = Long.parseLong(after.trim());
      if (v < 0) {
        throw ApiError.invalid("`after` cannot be negative");
      }
      return v;
    } catch (NumberFormatException e) {
      throw ApiError.invalid(
          "`after` (or Last-Event-ID) must be a revision number, not `" + after + "`");
    }
  }

  /** Ends every stream (shutdown). */
  void closeAll() {
    for (Stream s : open) {
      s.end();
    }
  }

  int openStreams() {
    return open.size();
  }

  private final class Stream {
    private final HttpServerResponse res;
    private volatile long after;
    private volatile boolean polling;
    private volatile boolean stopped;
    private long timer;
    private long lastWrite = System.currentTimeMillis();

    Stream(HttpServerResponse res, long after) {
      this.res = res;
      this.after = after;
    }

    void tick() {
      if (polling || stopped) {
        return;
      }
      polling = true;
      vertx
          .executeBlocking(() -> store.changes(after, BATCH), false)
          .onComplete(
              ar -> {
                polling = false;
                if (stopped) {
                  return;
                }
                if (ar.failed()) {
                  fail(ar.cause());
                } else {
                  send(ar.result());
                }
              });
    }

    private void send(List<Change> changes) {
      int i = 0;
      while (i < changes.size()) {
        long rev = changes.get(i).revision();
        ObjectNode event = json.createObjectNode();
        event.put("revision", rev);
        ArrayNode list = event.putArray("changes");
        while (i < changes.size() && changes.get(i).revision() == rev) {
          list.add(AnswerCodec.encodeChange(changes.get(i++)));
        }
        res.write("id: " + rev + "\nevent: changes\ndata: " + event + "\n\n");
        after = rev;
        lastWrite = System.currentTimeMillis();
      }
      if (System.currentTimeMillis() - lastWrite > HEARTBEAT_MS) {
        res.write(": keep-alive\n\n");
        lastWrite = System.currentTimeMillis();
      }
    }

    private void fail(Throwable t) {
      Reply r = ErrorMapper.toReply(json, t instanceof WardenException ? t : t.getCause());
      res.write(
          "event: error\ndata: "
              + new String(r.body(), java.nio.charset.StandardCharsets.UTF_8)
              + "\n\n");
      end();
    }

    void end() {
      stop();
      try {
        res.end();
      } catch (IllegalStateException e) {
        // already ended or closed by the client
      }
    }

    void stop() {
      stopped = true;
      vertx.cancelTimer(timer);
      open.remove(this);
    }
  }
}
