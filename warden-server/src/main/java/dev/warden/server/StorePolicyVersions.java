package dev.warden.server;

import dev.warden.server.auth.KeyMaterial;
import dev.warden.store.TupleStore;
import java.util.List;
import java.util.Optional;

/**
 * Policy versions kept by the store beside the grants, so they survive a restart. A version's
 * {@code activated_at} is when it was saved: the server saves and activates in one step.
 */
public final class StorePolicyVersions implements PolicyVersions {

  private final TupleStore store;

  public StorePolicyVersions(TupleStore store) {
    this.store = store;
  }

  @Override
  public PolicyVersion add(String source) {
    return toServer(store.savePolicy(source, true));
  }

  @Override
  public Optional<PolicyVersion> current() {
    return store.activePolicy().map(StorePolicyVersions::toServer);
  }

  @Override
  public Optional<PolicyVersion> get(int version) {
    for (dev.warden.store.PolicyVersion v : store.policyVersions()) {
      if (v.version() == version) {
        return Optional.of(toServer(v));
      }
    }
    return Optional.empty();
  }

  @Override
  public List<PolicyVersion> all() {
    return store.policyVersions().stream().map(StorePolicyVersions::toServer).toList();
  }

  private static PolicyVersion toServer(dev.warden.store.PolicyVersion v) {
    return new PolicyVersion(
        Math.toIntExact(v.version()), v.source(), KeyMaterial.sha256Hex(v.source()), v.savedAt());
  }
}
