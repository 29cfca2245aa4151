package dev.warden.api;

import java.util.Objects;

/**
 * A condition on the current data that a write batch requires, checked atomically with it.
 *
 * @param filter the grants the condition is about
 * @param mustExist true: at least one grant must match; false: none may match
 */
public record Precondition(GrantFilter filter, boolean mustExist) {
  public Precondition {
    Objects.requireNonNull(filter, "filter");
  }

  /** At least one grant matches the filter. */
  public static Precondition mustMatch(GrantFilter filter) {
    return new Precondition(filter, true);
  }

  /** No grant matches the filter. */
  public static Precondition mustNotMatch(GrantFilter filter) {
    return new Precondition(filter, false);
  }
}
