package dev.warden.server;

import dev.warden.server.http.ApiError;
import dev.warden.server.http.Reply;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;

/**
 * Where {@code at_least} requests wait for the index: a worker pool of their own, sized to the
 * bound, so waits never occupy the workers that writes (which the waits are waiting for) need. A
 * request past the bound is refused at once with 503 {@code consistency_busy} rather than queued.
 */
final class ConsistencyWaits implements AutoCloseable {

  private final Semaphore permits;
  private final WorkerExecutor pool;

  ConsistencyWaits(Vertx vertx, int max) {
    this.permits = new Semaphore(max);
    this.pool = vertx.createSharedWorkerExecutor("warden-consistency-wait", max);
  }

  /** Runs a waiting request on the wait pool; fails with the 503 when the bound is reached. */
  Future<Reply> submit(Callable<Reply> request) {
    if (!permits.tryAcquire()) {
      return Future.failedFuture(
          new ApiError(
              503,
              "consistency_busy",
              "too many requests are waiting for a revision (`max_consistency_waits`); retry"));
    }
    return pool.<Reply>executeBlocking(request, false).onComplete(ar -> permits.release());
  }

  @Override
  public void close() {
    pool.close();
  }
}
