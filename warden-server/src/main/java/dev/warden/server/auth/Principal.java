package dev.warden.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * Who is calling: the key's id (never its secret), its scopes and the tenant it is bound to.
 *
 * @param keyId the API key id, or {@code insecure-dev} when authentication is off
 * @param scopes what the key may do
 * @param tenant the only tenant the key may ask about, or null for any
 */
public record Principal(String keyId, Set<Scope> scopes, String tenant) {

  /**
   * The caller when authentication is disabled: may do everything, including supplying {@code
   * context.now} (whoever can reach an unauthenticated server can write grants anyway).
   */
  public static final Principal INSECURE =
      new Principal("insecure-dev", Set.of(Scope.ADMIN, Scope.CLOCK), null);

  public Principal {
    Objects.requireNonNull(keyId, "keyId");
    scopes = Set.copyOf(scopes);
  }

  /** True when the key has the scope, or admin and the scope is one admin implies. */
  public boolean has(Scope scope) {
    return scopes.contains(scope) || (scope.impliedByAdmin() && scopes.contains(Scope.ADMIN));
  }

  /** True when the key is bound to a tenant. */
  public boolean bound() {
    return tenant != null;
  }
}
