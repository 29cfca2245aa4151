package dev.warden.store.index;

import dev.warden.api.Change;

/**
 * Runs around the application of changes that activate a policy, so that whoever evaluates on the
 * index can switch policy atomically with the revision: readers then never see the new revision
 * under the old policy, nor the old revision under the new one.
 */
@FunctionalInterface
public interface ActivationGate {

  /**
   * Must run {@code apply} exactly once, in this thread.
   *
   * @param activation the last activation among the changes being applied
   * @param apply applies the changes to the index
   */
  void around(Change.PolicyActivated activation, Runnable apply);
}
