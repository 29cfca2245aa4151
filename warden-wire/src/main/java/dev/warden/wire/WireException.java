package dev.warden.wire;

/**
 * A message that is not in the wire shape: a request body the server must refuse (code {@value
 * #INVALID_REQUEST}, answered as 422) or an answer the client cannot read (code {@value
 * #MALFORMED_ANSWER}). The message names the JSON path of the problem.
 */
public final class WireException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** The code of a request body that does not make a valid request. */
  public static final String INVALID_REQUEST = "invalid_request";

  /** The code of an answer that is not in Warden's shape. */
  public static final String MALFORMED_ANSWER = "malformed_answer";

  private final String code;

  public WireException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  /** A request body that does not make a valid request. */
  public static WireException invalid(String message) {
    return new WireException(INVALID_REQUEST, message);
  }

  /** An answer that is not in Warden's shape. */
  public static WireException malformed(String message) {
    return new WireException(MALFORMED_ANSWER, message);
  }

  public String code() {
    return code;
  }
}
