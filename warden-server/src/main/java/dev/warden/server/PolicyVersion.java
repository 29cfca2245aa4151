package dev.warden.server;

import java.time.Instant;
import java.util.Objects;

/**
 * One activated policy.
 *
 * @param version 1 for the policy the server started with, then one more per activation
 * @param source the policy text
 * @param sha256 hex SHA-256 of the source, to tell versions apart at a glance
 * @param activatedAt when it became active
 */
public record PolicyVersion(int version, String source, String sha256, Instant activatedAt) {
  public PolicyVersion {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(activatedAt, "activatedAt");
  }
}
