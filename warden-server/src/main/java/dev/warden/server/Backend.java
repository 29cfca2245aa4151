package dev.warden.server;

import dev.warden.Warden;
import dev.warden.api.WardenException;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.store.PolicyStore;
import dev.warden.store.TupleStore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a server serves, opened from its configuration: the store, the engine over it, the policy
 * versions kept in the store and the audit log.
 *
 * <p>The policy is the store's active version when it has one (a policy activated over HTTP wins
 * over the file on restart); otherwise the given policy is saved as version 1. The seed runs only
 * when opening created the store ({@link TupleStore#created()}), or into one that never held
 * anything (revision 0, no policy version: its first start failed before seeding); an existing
 * store keeps what it holds, so a grant revoked there never comes back with the seed. The policy
 * file must compile and declare a resource type even when the store's version is enforced. A file
 * that exists but is not a Warden database is refused by the store, not taken for a new one.
 *
 * @param warden the engine over the store
 * @param versions the policy versions, kept by the store
 * @param audit the audit trail, when on
 * @param policyFromStore true when the enforced policy came from the store, not the file
 * @param seeded true when the store was created by this open and the seed was loaded
 */
public record Backend(
    Warden warden,
    PolicyVersions versions,
    Optional<ServerAudit> audit,
    boolean policyFromStore,
    boolean seeded) {

  /**
   * Opens the store and audit log of the configuration.
   *
   * @param policy the policy to enforce when the store has no active one
   * @param seed loads grants into a store this open created
   */
  public static Backend open(ServerConfig config, SourceFile policy, Consumer<Warden> seed) {
    // Before the store is opened (and a new file created): a broken or empty policy file is refused
    // as PUT /v1/policy refuses it, and a start that fails here leaves nothing behind.
    Policy fromFile = activatable(policy);
    TupleStore store = StoreFactory.open(config);
    try {
      PolicyStore policies = PolicyStore.of(store);
      Optional<dev.warden.store.PolicyVersion> active = policies.activePolicy();
      // Created now, or created by a start whose seed failed: no write and no policy ever saved,
      // so seeding it cannot bring back anything that was deleted.
      boolean fresh =
          store.created()
              || (active.isEmpty() && store.revision() == 0 && policies.policyVersions().isEmpty());
      Policy compiled =
          active.isPresent()
              ? PolicyCompiler.compile(
                      new SourceFile(
                          "policy version " + active.get().version(), active.get().source()))
                  .policyOrThrow()
              : fromFile;
      Warden warden =
          Warden.builder().policy(compiled).store(store).options(config.engineOptions()).build();
      if (fresh) {
        seed.accept(warden);
      }
      // Saved after the seed: a seed that fails leaves a store that the next start seeds again.
      PolicyVersions versions = new StorePolicyVersions(policies, warden);
      if (active.isEmpty()) {
        versions.add(policy.text());
      }
      Optional<ServerAudit> audit = ServerAudit.forConfig(config);
      return new Backend(warden, versions, audit, active.isPresent(), fresh);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /** The compiled file, refused when it has errors or declares no resource type. */
  private static Policy activatable(SourceFile policy) {
    Policy compiled = PolicyCompiler.compile(policy).policyOrThrow();
    try {
      Warden.requireActivatable(compiled);
    } catch (WardenException e) {
      throw new WardenException(
          e.code(), "policy `" + policy.name() + "`: " + e.getMessage(), e.details(), e);
    }
    return compiled;
  }
}
