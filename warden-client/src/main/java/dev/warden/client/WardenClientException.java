package dev.warden.client;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * A failure of a call to the Warden server: an error the server answered (with its HTTP status and
 * its own error code), or no usable answer at all (connection refused, timeout, a body that is not
 * Warden's). Being a {@link WardenException}, it carries the {@link ErrorCode} the embedded engine
 * would have thrown for the same request, so code written against {@code Authorizer} handles both.
 *
 * <p>Messages never contain the API key: they are the server's message, or a description of the
 * transport failure naming the endpoint.
 */
public final class WardenClientException extends WardenException {

  private static final long serialVersionUID = 1L;

  /** What went wrong, in the terms a caller decides on; each kind fixes whether a retry helps. */
  public enum Kind {
    /** 401: no API key, or one the server does not know. */
    UNAUTHENTICATED,
    /** 403: the key lacks the scope, or is bound to another tenant. */
    FORBIDDEN,
    /** 404: no such route, or no such policy version. */
    NOT_FOUND,
    /** 400, 405, 422: the request is malformed or invalid (the error code says which). */
    INVALID,
    /** 409: a write precondition did not hold, or a create met an existing grant. */
    CONFLICT,
    /** 413: the body exceeds the server's limit. */
    TOO_LARGE,
    /** 429, 502, 503, 504, or the server could not be reached: try again later. */
    UNAVAILABLE,
    /** No answer within the request timeout. */
    TIMEOUT,
    /** 500 and other 5xx: a bug on the server. */
    INTERNAL,
    /** An answer that is not Warden's (a proxy's page, a body of the wrong shape). */
    PROTOCOL;

    /** The kind of an HTTP error status. */
    static Kind ofStatus(int status) {
      return switch (status) {
        case 401 -> UNAUTHENTICATED;
        case 403 -> FORBIDDEN;
        case 404 -> NOT_FOUND;
        case 409 -> CONFLICT;
        case 413 -> TOO_LARGE;
        case 429, 502, 503, 504 -> UNAVAILABLE;
        default -> status >= 500 ? INTERNAL : INVALID;
      };
    }

    /** The engine's code for a failure of this kind that carries no engine code of its own. */
    ErrorCode fallbackCode() {
      return switch (this) {
        case CONFLICT -> ErrorCode.PRECONDITION_FAILED;
        case UNAVAILABLE, TIMEOUT -> ErrorCode.UNAVAILABLE;
        case INTERNAL, PROTOCOL -> ErrorCode.INTERNAL;
        case UNAUTHENTICATED, FORBIDDEN, NOT_FOUND, INVALID, TOO_LARGE -> ErrorCode.INVALID_REQUEST;
      };
    }
  }

  private final Kind kind;
  private final int status;
  private final String serverCode;

  WardenClientException(
      Kind kind,
      ErrorCode code,
      int status,
      String serverCode,
      String message,
      List<String> details,
      Throwable cause) {
    super(code, message, details, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
    this.status = status;
    this.serverCode = serverCode;
  }

  /**
   * An error the server answered. The error code is the engine's code when the server sent one (its
   * wire name, such as {@code precondition_failed}); otherwise the closest code for the kind.
   */
  static WardenClientException answered(
      int status, String serverCode, String message, List<String> details) {
    Kind kind = Kind.ofStatus(status);
    return new WardenClientException(
        kind, codeOf(serverCode, kind), status, serverCode, message, details, null);
  }

  /** No answer, or none that can be read. */
  static WardenClientException noAnswer(Kind kind, String message, Throwable cause) {
    return new WardenClientException(kind, kind.fallbackCode(), 0, null, message, List.of(), cause);
  }

  /** An answer whose body is not Warden's. */
  static WardenClientException protocol(int status, String message) {
    return new WardenClientException(
        Kind.PROTOCOL, Kind.PROTOCOL.fallbackCode(), status, null, message, List.of(), null);
  }

  /**
   * The engine's code whose wire name the server sent. Codes the server adds on its own, such as
   * {@code unauthenticated} or {@code body_too_large}, become engine codes as soon as the engine
   * declares them, and meanwhile fall back to the kind's code.
   */
  private static ErrorCode codeOf(String serverCode, Kind kind) {
    if (serverCode != null) {
      for (ErrorCode c : ErrorCode.values()) {
        if (c.wireName().equals(serverCode.toLowerCase(Locale.ROOT))) {
          return c;
        }
      }
    }
    return kind.fallbackCode();
  }

  /** A copy thrown on the caller's thread, keeping this one (from an HTTP thread) as the cause. */
  WardenClientException rethrown() {
    return new WardenClientException(
        kind, code(), status, serverCode, getMessage(), details(), this);
  }

  /** What went wrong. */
  public Kind kind() {
    return kind;
  }

  /** The HTTP status the server answered, or 0 when there was no answer. */
  public int status() {
    return status;
  }

  /**
   * The server's own error code ({@code unauthenticated}, {@code forbidden}, {@code not_found},
   * {@code body_too_large}, {@code not_ready}, or an engine code), or null when it sent none.
   */
  public String serverCode() {
    return serverCode;
  }

  /** True when trying the same request again later may succeed. */
  public boolean retryable() {
    return kind == Kind.UNAVAILABLE || kind == Kind.TIMEOUT;
  }
}
