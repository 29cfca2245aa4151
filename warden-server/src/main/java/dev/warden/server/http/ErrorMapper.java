package dev.warden.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.DecisionIds;
import dev.warden.api.ErrorCode;
import dev.warden.api.Names;
import dev.warden.api.WardenException;
import dev.warden.wire.WireException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become HTTP answers. Errors about the request (invalid, conflict, a
 * consistency timeout) keep their stable code and message: they are the caller's to read. Failures
 * of the server's own parts (a store or audit database that is unavailable, an internal error, any
 * other exception) are the operator's: their text can hold SQL, table names, file paths or driver
 * messages, so the caller gets a generic message with a fresh error id, and the log gets the
 * internal text and cause under the same id.
 */
public final class ErrorMapper {

  private static final Logger LOG = Logger.getLogger(ErrorMapper.class.getName());

  private ErrorMapper() {}

  /** The answer for any failure. */
  public static Reply toReply(ObjectMapper json, Throwable failure) {
    Throwable t = unwrap(failure);
    if (t instanceof ApiError e) {
      return reply(json, e.status(), e.code(), e.getMessage(), e.details());
    }
    if (t instanceof WireException e) {
      // a body the codec refuses is answered as ApiError.invalid always was: 422, the path named
      ApiError invalid = ApiError.invalid(e.getMessage());
      return reply(json, invalid.status(), invalid.code(), e.getMessage(), List.of());
    }
    if (t instanceof WardenException e && isPublic(e.code())) {
      return reply(json, status(e), e.code().wireName(), e.getMessage(), e.details());
    }
    return internal(json, t);
  }

  /** True when an engine error is about the request, so its message is the caller's to read. */
  private static boolean isPublic(ErrorCode code) {
    return code == ErrorCode.CONSISTENCY_TIMEOUT
        || switch (code.category()) {
          case UNAVAILABLE, INTERNAL -> false;
          case INVALID, UNAUTHENTICATED, CONFLICT -> true;
        };
  }

  /** A generic answer with an error id; the internal text goes to the log under the same id. */
  private static Reply internal(ObjectMapper json, Throwable t) {
    String id = DecisionIds.next();
    String reference = "; the server log has the details under error id " + id;
    if (t instanceof WardenException e) {
      int status = status(e);
      LOG.log(
          status == 503 ? Level.WARNING : Level.SEVERE,
          "error id " + id + ": " + e.code().wireName() + ": " + e.getMessage(),
          e);
      String what = status == 503 ? "the server is unavailable" : "internal error";
      return reply(json, status, e.code().wireName(), what + reference, List.of());
    }
    LOG.log(Level.SEVERE, "error id " + id + ": internal error answering a request", t);
    return reply(json, 500, "internal", "internal error" + reference, List.of());
  }

  /** The HTTP status of an engine error, by the class of its code. */
  public static int status(WardenException e) {
    return switch (e.code().category()) {
      case INVALID -> 422;
      case UNAUTHENTICATED -> 401;
      case CONFLICT -> 409;
      case UNAVAILABLE -> 503;
      case INTERNAL -> 500;
    };
  }

  /** An error answer. */
  public static Reply reply(
      ObjectMapper json, int status, String code, String message, List<String> details) {
    ObjectNode root = json.createObjectNode();
    ObjectNode error = root.putObject("error");
    error.put("code", code);
    // messages may quote the request; a lone surrogate in it has no UTF-8 encoding: escape it
    error.put("message", message == null ? code : Names.printable(message));
    ArrayNode d = error.putArray("details");
    details.forEach(x -> d.add(Names.printable(x)));
    return Reply.json(json, status, root);
  }

  private static Throwable unwrap(Throwable t) {
    Throwable cur = t;
    while ((cur instanceof java.util.concurrent.CompletionException
            || cur instanceof java.util.concurrent.ExecutionException)
        && cur.getCause() != null) {
      cur = cur.getCause();
    }
    return cur;
  }
}
