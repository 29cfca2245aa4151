package dev.warden.identity;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.model.Policy;
import dev.warden.model.TypeDef;
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

  /**
   * The claims the policy declares as attributes of this caller's actor type: a token carries
   * claims no policy declares ({@code iss}, {@code exp}...), and the engine refuses undeclared
   * just-in-time attributes, so only these may be passed. A declared claim of the wrong type is
   * kept, so the check names the mismatch instead of silently missing the value.
   */
  public Map<String, Object> attributes(Policy policy) {
    TypeDef type = policy.type(actor.type());
    Map<String, Object> out = new LinkedHashMap<>();
    if (type != null) {
      claims.forEach(
          (name, value) -> {
            if (type.attributes().containsKey(name)) {
              out.put(name, value);
            }
          });
    }
    return Collections.unmodifiableMap(out);
  }

  /** A check for this caller, carrying the claims the policy declares as actor attributes. */
  public CheckRequest.Builder check(Policy policy, String action, EntityRef resource) {
    return CheckRequest.builder(actor, action, resource).actorAttributes(attributes(policy));
  }
}
