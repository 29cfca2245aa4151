package dev.warden.store;

import java.time.Instant;
import java.util.Objects;

/**
 * One saved policy source. Versions are numbered 1, 2, 3... in the order they were saved; at most
 * one is active. The store keeps the text only: compiling and validating it is the caller's job,
 * before saving.
 *
 * @param version the version number, from 1
 * @param source the policy source text
 * @param savedAt when it was saved
 */
public record PolicyVersion(long version, String source, Instant savedAt) {
  public PolicyVersion {
    if (version < 1) {
      throw new IllegalArgumentException("policy versions start at 1, was " + version);
    }
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(savedAt, "savedAt");
  }
}
