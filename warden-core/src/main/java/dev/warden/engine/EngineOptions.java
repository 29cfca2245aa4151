package dev.warden.engine;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Engine settings.
 *
 * @param maxDepth the deepest chain of relations one check may follow
 * @param clock the source of {@code context.now} when a request gives none
 * @param consistencyTimeout how long an {@code at_least} request waits for the index
 */
public record EngineOptions(int maxDepth, Clock clock, Duration consistencyTimeout) {

  /** Depth limit by default: deep enough for real hierarchies, shallow enough to stop abuse. */
  public static final int DEFAULT_MAX_DEPTH = 50;

  public EngineOptions {
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1, was " + maxDepth);
    }
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(consistencyTimeout, "consistencyTimeout");
    if (consistencyTimeout.isNegative()) {
      throw new IllegalArgumentException("consistencyTimeout cannot be negative");
    }
  }

  /** The defaults: depth 50, the system clock, 5 s consistency wait. */
  public static EngineOptions defaults() {
    return new EngineOptions(DEFAULT_MAX_DEPTH, Clock.systemUTC(), Duration.ofSeconds(5));
  }

  public EngineOptions withMaxDepth(int depth) {
    return new EngineOptions(depth, clock, consistencyTimeout);
  }

  public EngineOptions withClock(Clock c) {
    return new EngineOptions(maxDepth, c, consistencyTimeout);
  }

  public EngineOptions withConsistencyTimeout(Duration timeout) {
    return new EngineOptions(maxDepth, clock, timeout);
  }
}
