package dev.warden.lang;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs a piece of work on one reused daemon thread and fails when it does not finish within a
 * generous bound: a hang detector for fuzz and mutation tests, not a timing assertion.
 */
final class Termination {

  static final long GUARD_SECONDS = 20;

  private static final ExecutorService WORKER =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "termination-guard");
            t.setDaemon(true);
            return t;
          });

  private Termination() {}

  /** Runs {@code work}; rethrows what it throws; fails if it runs longer than the guard. */
  static void guard(Runnable work, String description) {
    Future<?> run = WORKER.submit(work);
    try {
      run.get(GUARD_SECONDS, TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new AssertionError("no result within " + GUARD_SECONDS + " s for " + description, e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r) {
        throw r;
      }
      if (cause instanceof Error err) {
        throw err;
      }
      throw new AssertionError(cause);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
