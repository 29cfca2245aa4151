package dev.warden.server;

import dev.warden.Warden;
import dev.warden.model.Policy;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.store.PolicyStore;
import java.util.List;
import java.util.Optional;

/**
 * Policy versions kept by the store beside the grants, so they survive a restart. A version's
 * {@code activated_at} is when it was saved: the server saves and activates in one step.
 *
 * <p>Activation goes through the store ({@link Warden#activateInStore}): it is a revision of the
 * changelog, so every server over the same store switches at that revision, not only this one.
 *
 * <p>The current version is cached: every decision is recorded with it, on the event loop, where a
 * database read per check would block. It follows the version the engine enforces: when the engine
 * has switched to another stored version (activated here or through another server), the cache is
 * read again, once.
 */
public final class StorePolicyVersions implements PolicyVersions {

  private final PolicyStore store;
  private final Warden warden;
  private volatile Optional<PolicyVersion> current;

  /**
   * @param warden the engine over the store, whose enforced version {@link #current} follows
   */
  public StorePolicyVersions(PolicyStore store, Warden warden) {
    this.store = store;
    this.warden = warden;
    this.current = store.activePolicy().map(StorePolicyVersions::toServer);
  }

  @Override
  public synchronized PolicyVersion add(String source) {
    PolicyVersion v = toServer(store.savePolicy(source, true));
    current = Optional.of(v);
    return v;
  }

  @Override
  public synchronized PolicyVersion activate(String source, Policy compiled) {
    PolicyVersion v = toServer(warden.activateInStore("policy", source));
    current = Optional.of(v);
    return v;
  }

  @Override
  public Optional<PolicyVersion> current() {
    Optional<PolicyVersion> cached = current;
    long enforced = warden.policyVersion();
    if (enforced != 0 && cached.map(v -> v.version() != enforced).orElse(true)) {
      cached = store.policyVersion(enforced).map(StorePolicyVersions::toServer).or(() -> current);
      current = cached;
    }
    return cached;
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
