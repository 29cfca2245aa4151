package dev.warden.server;

/**
 * Bounds on what clients can make the HTTP server hold at once.
 *
 * @param maxConnections open connections accepted at once; one more is closed as soon as it is
 *     accepted, before it is read
 * @param maxConsistencyWaits {@code at_least} requests waiting for the index at once, each on a
 *     thread of its own pool (never one of the workers that writes need); one more is answered 503
 *     {@code consistency_busy} with {@code Retry-After}
 */
public record HttpLimits(int maxConnections, int maxConsistencyWaits) {

  /** Default open connections: well under a file-descriptor limit of 8192 (fds: store, logs). */
  public static final int DEFAULT_MAX_CONNECTIONS = 4096;

  /** Default concurrent {@code at_least} waits. */
  public static final int DEFAULT_MAX_CONSISTENCY_WAITS = 64;

  public HttpLimits {
    if (maxConnections < 1) {
      throw new IllegalArgumentException(
          "max_connections must be at least 1, not " + maxConnections);
    }
    if (maxConsistencyWaits < 1) {
      throw new IllegalArgumentException(
          "max_consistency_waits must be at least 1, not " + maxConsistencyWaits);
    }
  }

  /** The defaults. */
  public static HttpLimits defaults() {
    return new HttpLimits(DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_CONSISTENCY_WAITS);
  }

  public HttpLimits withMaxConnections(int n) {
    return new HttpLimits(n, maxConsistencyWaits);
  }

  public HttpLimits withMaxConsistencyWaits(int n) {
    return new HttpLimits(maxConnections, n);
  }
}
