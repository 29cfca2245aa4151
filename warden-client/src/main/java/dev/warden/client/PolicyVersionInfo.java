package dev.warden.client;

import java.time.Instant;
import java.util.Objects;

/**
 * One policy version the server has activated.
 *
 * @param version 1 for the policy the server started with, then one more per activation
 * @param sha256 hex SHA-256 of the source
 * @param activatedAt when it became active
 */
public record PolicyVersionInfo(int version, String sha256, Instant activatedAt) {
  public PolicyVersionInfo {
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(activatedAt, "activatedAt");
  }
}
