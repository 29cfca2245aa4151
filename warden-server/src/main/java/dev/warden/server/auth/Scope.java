package dev.warden.server.auth;

import java.util.Locale;

/**
 * What an API key may do. {@code admin} includes the others; {@code check} and {@code write} are
 * independent, so a service that only asks questions cannot change grants.
 */
public enum Scope {
  /** Checks, explanations and lookups. */
  CHECK,
  /** Writing and reading grants and entity attributes. */
  WRITE,
  /** Everything, including the policy and the change stream. */
  ADMIN;

  /** Parses {@code check}, {@code write} or {@code admin}. */
  public static Scope parse(String text) {
    for (Scope s : values()) {
      if (s.wireName().equals(text.trim().toLowerCase(Locale.ROOT))) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "unknown scope `" + text + "`; choose `check`, `write` or `admin`");
  }

  /** The scope as written in key files and errors. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
