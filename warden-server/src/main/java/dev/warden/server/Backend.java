package dev.warden.server;

import dev.warden.Warden;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.store.TupleStore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a server serves, opened from its configuration: the store, the engine over it, the policy
 * versions kept in the store and the audit log.
 *
 * <p>The policy is the store's active version when it has one (a policy activated over HTTP wins
 * over the file on restart); otherwise the given policy is saved as version 1. The seed runs only
 * when opening created the store ({@link TupleStore#created()}): an existing store, even an empty
 * one, keeps what it holds, so a grant revoked there never comes back with the seed. A file that
 * exists but is not a Warden database is refused by the store, not taken for a new one.
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
    TupleStore store = StoreFactory.open(config);
    try {
      Optional<dev.warden.store.PolicyVersion> active = store.activePolicy();
      boolean fresh = store.created();
      SourceFile source =
          active
              .map(v -> new SourceFile("policy version " + v.version(), v.source()))
              .orElse(policy);
      Policy compiled = PolicyCompiler.compile(source).policyOrThrow();
      Warden warden =
          Warden.builder().policy(compiled).store(store).options(config.engineOptions()).build();
      PolicyVersions versions = new StorePolicyVersions(store);
      if (active.isEmpty()) {
        versions.add(policy.text());
      }
      if (fresh) {
        seed.accept(warden);
      }
      Optional<ServerAudit> audit = ServerAudit.forConfig(config);
      return new Backend(warden, versions, audit, active.isPresent(), fresh);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
