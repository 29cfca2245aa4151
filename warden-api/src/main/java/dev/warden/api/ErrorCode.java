package dev.warden.api;

/**
 * Stable error codes. Each belongs to a class that fixes how a server answers it; the code and its
 * meaning never change once released.
 */
public enum ErrorCode {
  /** A request names a type, relation or action the policy does not declare, or a bad id. */
  INVALID_REQUEST(Category.INVALID),
  /** A grant the policy does not allow: a permission granted directly, an undeclared subject. */
  INVALID_GRANT(Category.INVALID),
  /** A policy that does not compile; details carry the diagnostics. */
  INVALID_POLICY(Category.INVALID),
  /** Evaluation went deeper than the configured limit. */
  DEPTH_EXCEEDED(Category.INVALID),
  /** A bearer token that is missing, malformed, wrongly signed, expired or not meant for us. */
  UNAUTHENTICATED(Category.UNAUTHENTICATED),
  /** A write precondition did not hold, or a create met an existing grant. */
  PRECONDITION_FAILED(Category.CONFLICT),
  /** The index did not reach the requested revision within the wait limit. */
  CONSISTENCY_TIMEOUT(Category.UNAVAILABLE),
  /** The store is unavailable. */
  UNAVAILABLE(Category.UNAVAILABLE),
  /** A bug: an invariant broke. The decision, if any, is deny. */
  INTERNAL(Category.INTERNAL);

  /** How a class of errors is answered. */
  public enum Category {
    INVALID,
    UNAUTHENTICATED,
    CONFLICT,
    UNAVAILABLE,
    INTERNAL
  }

  private final Category category;

  ErrorCode(Category category) {
    this.category = category;
  }

  /** The class this code belongs to. */
  public Category category() {
    return category;
  }

  /** The code as clients see it: {@code invalid_request}. */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
