package dev.warden.client;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how patiently the client retries a call that failed in a way a retry may fix (the
 * server was unavailable or did not answer in time). Only calls that are safe to repeat are
 * retried; see {@link WardenClient} for which.
 *
 * <p>The wait before retry {@code n} (from 1) is drawn from {@code [d/2, d]} with {@code d =
 * min(maxBackoff, initialBackoff * 2^(n-1))}: exponential, with jitter so that many clients failing
 * together do not return together. A {@code Retry-After} answer from the server is honored up to
 * {@code maxBackoff}.
 *
 * @param maxRetries retries after the first attempt; 0 disables retrying
 * @param initialBackoff the base wait before the first retry
 * @param maxBackoff the longest wait between two attempts
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {

  /** Two retries, waiting about 50 ms then 100 ms, never more than 2 s. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(2));

  /** No retries. */
  public static final RetryPolicy NONE = new RetryPolicy(0, Duration.ZERO, Duration.ZERO);

  public RetryPolicy {
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    if (maxRetries < 0 || maxRetries > 100) {
      throw new IllegalArgumentException("maxRetries must be between 0 and 100, not " + maxRetries);
    }
    if (initialBackoff.isNegative() || maxBackoff.isNegative()) {
      throw new IllegalArgumentException("backoff durations cannot be negative");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff " + maxBackoff + " is shorter than initialBackoff " + initialBackoff);
    }
  }

  /** {@code retries} retries with the default backoff. */
  public static RetryPolicy retries(int retries) {
    return new RetryPolicy(retries, DEFAULT.initialBackoff, DEFAULT.maxBackoff);
  }

  /**
   * The wait before retry {@code retry} (1 for the first retry).
   *
   * @param retryAfter what the server asked for, or null
   */
  Duration backoff(int retry, Duration retryAfter) {
    if (retryAfter != null) {
      return retryAfter.compareTo(maxBackoff) > 0 ? maxBackoff : retryAfter;
    }
    long cap = maxBackoff.toNanos();
    long d = Math.min(cap, initialBackoff.toNanos());
    for (int i = 1; i < retry && d < cap; i++) {
      d = d > cap / 2 ? cap : d * 2; // doubling stops at the cap, so it cannot overflow
    }
    long half = d / 2;
    return Duration.ofNanos(
        half + (half == 0 ? 0 : ThreadLocalRandom.current().nextLong(half + 1)));
  }
}
