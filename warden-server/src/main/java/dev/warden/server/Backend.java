package dev.warden.server;

import dev.warden.Warden;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.store.GrantFilter;
import dev.warden.store.TupleStore;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What a server serves, opened from its configuration: the store, the engine over it, the policy
 * versions kept in the store and the audit log.
 *
 * <p>The policy is the store's active version when it has one (a policy activated over HTTP wins
 * over the file on restart); otherwise the given policy is saved as version 1. The seed runs only
 * when the store is empty: no grant and no active policy.
 *
 * @param warden the engine over the store
 * @param versions the policy versions, kept by the store
 * @param audit the audit trail, when on
 * @param policyFromStore true when the enforced policy came from the store, not the file
 * @param seeded true when the store was empty and the seed was loaded
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
   * @param seed loads grants into an empty store
   */
  public static Backend open(ServerConfig config, SourceFile policy, Consumer<Warden> seed) {
    TupleStore store = StoreFactory.open(config);
    try {
      Optional<dev.warden.store.PolicyVersion> active = store.activePolicy();
      boolean empty = active.isEmpty() && store.read(GrantFilter.ALL, null, 1).items().isEmpty();
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
      if (empty) {
        seed.accept(warden);
      }
      Optional<ServerAudit> audit = ServerAudit.forConfig(config);
      return new Backend(warden, versions, audit, active.isPresent(), empty);
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
  }
}
