package dev.warden.server.auth;

import java.util.Locale;

/**
 * What an API key may do. {@code admin} includes {@code check} and {@code write}; those two are
 * independent, so a service that only asks questions cannot change grants. {@code clock} lets a key
 * supply {@code context.now}, the time expiring grants are judged by; {@code admin} does not imply
 * it, so no key moves the clock unless it was made to.
 */
public enum Scope {
  /** Checks, explanations and lookups. */
  CHECK(true),
  /** Writing and reading grants and entity attributes. */
  WRITE(true),
  /** Everything above, including the policy, the change stream and the audit log. */
  ADMIN(true),
  /** Sending {@code context.now} (replays, tests); without it the server's clock decides. */
  CLOCK(false);

  private final boolean impliedByAdmin;

  Scope(boolean impliedByAdmin) {
    this.impliedByAdmin = impliedByAdmin;
  }

  /** True when an {@code admin} key holds this scope without naming it. */
  public boolean impliedByAdmin() {
    return impliedByAdmin;
  }

  /** Parses {@code check}, {@code write}, {@code admin} or {@code clock}. */
  public static Scope parse(String text) {
    for (Scope s : values()) {
      if (s.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope `" + text + "`; choose `check`, `write`, `admin` or `clock`");
  }

  /** The scope as written in key files and errors. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
