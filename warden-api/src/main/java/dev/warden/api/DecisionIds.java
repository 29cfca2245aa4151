package dev.warden.api;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Decision ids: unique, roughly time-ordered, cheap. A random 64-bit prefix chosen at start-up (so
 * ids from different processes do not collide) followed by the start time and a counter.
 */
public final class DecisionIds {

  private static final String PREFIX =
      HexFormat.of().toHexDigits(new SecureRandom().nextLong()).substring(0, 12)
          + "-"
          + Long.toString(System.currentTimeMillis(), 36)
          + "-";
  private static final AtomicLong COUNTER = new AtomicLong();

  private DecisionIds() {}

  /** A new decision id. */
  public static String next() {
    return PREFIX + Long.toString(COUNTER.incrementAndGet(), 36);
  }
}
