package dev.warden.client;

/**
 * The server's routes the client calls, and whether a call may be repeated safely.
 *
 * <p>A call is <em>idempotent</em> when sending it twice leaves the server as sending it once does:
 * every question (check, bulk, explain, lookups, reading grants, reading or validating the policy).
 * Writes are not: a retried {@code create} would fail on its own first success, a retried touch or
 * attribute write could undo a newer write made in between, and the server keeps no idempotency
 * keys to tell a retry from a new request. {@link Transport} retries writes only when the server
 * provably did not act on them.
 */
enum Endpoint {
  CHECK("POST", "/v1/check", true),
  CHECK_BULK("POST", "/v1/check/bulk", true),
  EXPLAIN("POST", "/v1/explain", true),
  LOOKUP_RESOURCES("POST", "/v1/lookup/resources", true),
  LOOKUP_SUBJECTS("POST", "/v1/lookup/subjects", true),
  WRITE_RELATIONSHIPS("POST", "/v1/relationships/write", false),
  READ_RELATIONSHIPS("POST", "/v1/relationships/read", true),
  DELETE_RELATIONSHIPS("POST", "/v1/relationships/delete", false),
  PUT_ENTITY("PUT", "/v1/entities/{type}/{id}", false),
  GET_POLICY("GET", "/v1/policy", true),
  PUT_POLICY("PUT", "/v1/policy", false),
  /** {@code PUT /v1/policy} with {@code validate_only}: compiles, changes nothing. */
  VALIDATE_POLICY("PUT", "/v1/policy", true),
  READY("GET", "/readyz", true);

  private final String method;
  private final String path;
  private final boolean idempotent;

  Endpoint(String method, String path, boolean idempotent) {
    this.method = method;
    this.path = path;
    this.idempotent = idempotent;
  }

  String method() {
    return method;
  }

  /** The path template, such as {@code /v1/entities/{type}/{id}}. */
  String path() {
    return path;
  }

  boolean idempotent() {
    return idempotent;
  }

  @Override
  public String toString() {
    return method + " " + path;
  }
}
