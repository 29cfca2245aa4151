package dev.warden.server;

import io.vertx.core.http.HttpConnection;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bounds the open connections of every listener together: a connection past {@code max} is closed
 * as soon as it is accepted, before any of it is read, so a flood of idle sockets cannot exhaust
 * file descriptors or memory. Shared by the per-event-loop servers.
 */
final class ConnectionLimiter {

  private final int max;
  private final AtomicInteger open = new AtomicInteger();
  private final AtomicLong refused = new AtomicLong();

  ConnectionLimiter(int max) {
    this.max = max;
  }

  /** The connection handler: admits the connection, or closes it when the bound is reached. */
  void accept(HttpConnection connection) {
    if (open.incrementAndGet() > max) {
      open.decrementAndGet();
      refused.incrementAndGet();
      connection.close();
      return;
    }
    connection.closeHandler(v -> open.decrementAndGet());
  }

  /** Connections open now. */
  int open() {
    return open.get();
  }

  /** Connections closed at once because the bound was reached, since start. */
  long refused() {
    return refused.get();
  }
}
