package dev.warden.store;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.Optional;

/**
 * Storage of policy sources by version, beside the grants of a {@link TupleStore}. Every store in
 * this project implements both; an engine over a store that is not a policy store simply never sees
 * an activation.
 *
 * <p>Activating a version is a write: it commits a revision of its own whose only change is {@link
 * dev.warden.api.Change.PolicyActivated}, in the same changelog as the grants. Every engine that
 * follows the store switches policy when it applies that revision, so all of them evaluate revision
 * {@code r} under the policy that was active at {@code r}.
 */
public interface PolicyStore {

  /**
   * The policy versions of a store that keeps them, as every store in this project does.
   *
   * @throws WardenException {@code UNAVAILABLE} when it keeps none
   */
  static PolicyStore of(TupleStore store) {
    if (store instanceof PolicyStore policies) {
      return policies;
    }
    throw new WardenException(
        ErrorCode.UNAVAILABLE, store.getClass().getSimpleName() + " keeps no policy versions");
  }

  /**
   * Saves a policy source as the next version and, when {@code activate}, makes it the active one
   * in the same transaction (committing its activation revision).
   */
  PolicyVersion savePolicy(String source, boolean activate);

  /**
   * Makes a saved version the active one, committing a revision for it (even when it was active
   * already: an activation is an act, and every follower sees it in order).
   *
   * @throws WardenException {@code INVALID_REQUEST} when there is no such version
   */
  PolicyVersion activatePolicy(long version);

  /** The active policy version, if any was activated. */
  Optional<PolicyVersion> activePolicy();

  /** One saved version, if there is one of that number. */
  Optional<PolicyVersion> policyVersion(long version);

  /** Every saved policy version, oldest first. */
  List<PolicyVersion> policyVersions();
}
