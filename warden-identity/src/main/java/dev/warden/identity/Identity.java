package dev.warden.identity;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A verified caller: the actor a token names and the token's claims, ready to be passed to checks
 * as just-in-time actor attributes (so a rule such as {@code actor.department == "finance"} can
 * read a claim).
 *
 * @param actor {@code User:<sub>}, or another actor type when the verifier is so configured
 * @param claims every claim of the token as plain Java values (timestamps as {@link
 *     java.time.Instant}, numbers as {@code Long} or {@code Double})
 */
public record Identity(EntityRef actor, Map<String, Object> claims) {

  public Identity {
    Objects.requireNonNull(actor, "actor");
    claims = Collections.unmodifiableMap(new LinkedHashMap<>(claims));
  }

  /** A check for this caller, carrying the claims as actor attributes. */
  public CheckRequest.Builder check(String action, EntityRef resource) {
    return CheckRequest.builder(actor, action, resource).actorAttributes(claims);
  }
}
