package dev.warden.server.http;

import java.util.List;

/**
 * An error answered to the caller as {@code {"error":{"code","message","details"}}} with an HTTP
 * status. Thrown by the HTTP layer for what the engine cannot know about (a malformed body, a
 * missing key); engine errors arrive as {@link dev.warden.api.WardenException} and are mapped by
 * {@link ErrorMapper}.
 */
public final class ApiError extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final int status;
  private final String code;
  private final transient List<String> details;

  public ApiError(int status, String code, String message) {
    this(status, code, message, List.of());
  }

  public ApiError(int status, String code, String message, List<String> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = List.copyOf(details);
  }

  /** 422: a well-formed body that does not make a valid request. */
  public static ApiError invalid(String message) {
    return new ApiError(422, "invalid_request", message);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<String> details() {
    return details;
  }
}
