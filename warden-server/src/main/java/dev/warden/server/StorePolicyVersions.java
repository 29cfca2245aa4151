package dev.warden.server;

import dev.warden.server.auth.KeyMaterial;
import dev.warden.store.TupleStore;
import java.util.List;
import java.util.Optional;

/**
 * Policy versions kept by the store beside the grants, so they survive a restart. A version's
 * {@code activated_at} is when it was saved: the server saves and activates in one step.
 *
 * <p>The current version is cached: every decision is recorded with it, on the event loop, where a
 * database read per check would block. This server is the one that activates policies, so the cache
 * is the policy its engine enforces.
 */
public final class StorePolicyVersions implements PolicyVersions {

  private final TupleStore store;
  private volatile Optional<PolicyVersion> current;

  public StorePolicyVersions(TupleStore store) {
    this.store = store;
    this.current = store.activePolicy().map(StorePolicyVersions::toServer);
  }

  @Override
  public synchronized PolicyVersion add(String source) {
    PolicyVersion v = toServer(store.savePolicy(source, true));
    current = Optional.of(v);
    return v;
  }

  @Override
  public Optional<PolicyVersion> current() {
    return current;
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
