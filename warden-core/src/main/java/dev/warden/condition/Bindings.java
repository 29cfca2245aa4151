package dev.warden.condition;

import java.util.Map;

/**
 * The values an evaluation reads. Each method returns the raw (JSON-shaped) value, or null when
 * absent; the expression coerces it to the declared type.
 */
public interface Bindings {

  /** An attribute of the check's actor (just-in-time over stored), or null. */
  Object actor(String attribute);

  /** An attribute of the resource the rule is evaluated on, or null. */
  Object resource(String attribute);

  /** A condition parameter (grant context first, then request context), or null. */
  Object parameter(String name);

  /** The request context, normalized for CEL, with {@code now} always present. */
  Map<String, Object> context();
}
