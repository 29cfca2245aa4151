package dev.warden.server.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place where failures become HTTP answers. Engine errors keep their stable code and
 * message; anything else is a bug, logged here with its stack trace and answered as a bare {@code
 * internal} error, so no stack trace or internal detail ever reaches the caller.
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
    if (t instanceof WardenException e) {
      return reply(json, status(e), e.code().wireName(), e.getMessage(), e.details());
    }
    LOG.log(Level.SEVERE, "internal error answering a request", t);
    return reply(
        json, 500, "internal", "internal error; the server log has the details", List.of());
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
    error.put("message", message == null ? code : message);
    ArrayNode d = error.putArray("details");
    details.forEach(d::add);
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
