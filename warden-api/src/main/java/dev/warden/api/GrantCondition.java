package dev.warden.api;

import java.util.Map;
import java.util.Objects;

/**
 * The condition a grant carries: a condition declared in the policy and the parameter values stored
 * with the grant (JSON-shaped: strings, numbers, booleans, lists, maps), kept in the normal form of
 * {@link JsonValues} so that the same grant compares equal however it was read or stored.
 *
 * @param name the condition's name in the policy
 * @param context parameter values stored with the grant; may be empty
 */
public record GrantCondition(String name, Map<String, Object> context) {

  public GrantCondition {
    Names.requireName(name, "condition");
    context = JsonValues.normalizeMap(Objects.requireNonNull(context, "context"));
  }

  /** A condition with no stored parameters. */
  public static GrantCondition of(String name) {
    return new GrantCondition(name, Map.of());
  }
}
