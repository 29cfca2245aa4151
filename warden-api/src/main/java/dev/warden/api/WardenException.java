package dev.warden.api;

import java.util.List;
import java.util.Objects;

/**
 * Every error Warden reports to callers: a stable {@link ErrorCode}, a message meant for people
 * (lowercase, no final period, names in backticks) and optional details such as diagnostics.
 */
public class WardenException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final ErrorCode code;
  private final transient List<String> details;

  public WardenException(ErrorCode code, String message) {
    this(code, message, List.of(), null);
  }

  public WardenException(ErrorCode code, String message, List<String> details, Throwable cause) {
    super(message, cause);
    this.code = Objects.requireNonNull(code, "code");
    this.details = List.copyOf(details);
  }

  /** An {@link ErrorCode#INVALID_REQUEST} error. */
  public static WardenException invalid(String message) {
    return new WardenException(ErrorCode.INVALID_REQUEST, message);
  }

  /** The stable code. */
  public ErrorCode code() {
    return code;
  }

  /** Further lines of detail, such as rendered diagnostics; may be empty. */
  public List<String> details() {
    return details;
  }
}
