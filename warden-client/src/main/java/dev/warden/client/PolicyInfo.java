package dev.warden.client;

import java.util.List;
import java.util.Objects;

/**
 * A policy as the server keeps it.
 *
 * @param version the version's number, hash and activation time
 * @param source the policy text
 * @param revision the server's data revision when it answered
 * @param versions every version, oldest first, in answers to {@link WardenClient#policy()}; empty
 *     in the answer to an activation
 */
public record PolicyInfo(
    PolicyVersionInfo version, String source, long revision, List<PolicyVersionInfo> versions) {
  public PolicyInfo {
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(source, "source");
    versions = List.copyOf(versions);
  }
}
