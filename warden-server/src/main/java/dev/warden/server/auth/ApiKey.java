package dev.warden.server.auth;

import java.util.Objects;
import java.util.Set;

/**
 * A stored API key: its public id, the SHA-256 of the whole key (the secret itself is never
 * stored), its scopes and optional tenant.
 *
 * @param id the public id, the middle part of {@code wk_<id>_<secret>}
 * @param sha256 lowercase hex SHA-256 of the full key text
 * @param scopes what the key may do; never empty
 * @param tenant the tenant the key is bound to, or null
 */
public record ApiKey(String id, String sha256, Set<Scope> scopes, String tenant) {

  public ApiKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(sha256, "sha256");
    if (!id.matches("[a-z0-9]{1,64}")) {
      throw new IllegalArgumentException(
          "a key id is 1-64 lowercase letters or digits: `" + id + "`");
    }
    if (!sha256.matches("[0-9a-f]{64}")) {
      throw new IllegalArgumentException(
          "key `" + id + "`: sha256 must be 64 lowercase hex digits");
    }
    scopes = Set.copyOf(scopes);
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("key `" + id + "` has no scope");
    }
    if (scopes.equals(Set.of(Scope.CLOCK))) {
      throw new IllegalArgumentException(
          "key `" + id + "`: scope `clock` only lets a key send `context.now`; add `check`");
    }
  }

  /** The caller this key identifies. */
  public Principal principal() {
    return new Principal(id, scopes, tenant);
  }
}
