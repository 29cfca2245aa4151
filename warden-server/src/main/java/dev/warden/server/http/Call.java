package dev.warden.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.warden.server.auth.Principal;
import io.vertx.core.http.HttpServerRequest;

/**
 * One request as handlers see it: who is calling, the route, the body, and the raw request for
 * headers, query parameters and streaming.
 */
public final class Call {

  private final HttpServerRequest request;
  private final Route route;
  private final Principal principal;
  private final byte[] body;
  private final ObjectMapper json;
  private JsonNode parsed;
  private Object decoded;

  public Call(
      HttpServerRequest request, Route route, Principal principal, byte[] body, ObjectMapper json) {
    this.request = request;
    this.route = route;
    this.principal = principal;
    this.body = body;
    this.json = json;
  }

  public HttpServerRequest request() {
    return request;
  }

  public Principal principal() {
    return principal;
  }

  /** A {@code {name}} segment of the path. */
  public String pathParam(String name) {
    return route.param(request.path(), name);
  }

  /**
   * The request the body decodes to, decoded once: the server may decode it before the handler to
   * learn where to answer it ({@link Route.Awaits}), and the handler then gets the same value. A
   * call has one decoder (its route's), so one slot holds it. Not thread-safe; a call moves between
   * threads only through executors, which order the accesses.
   */
  @SuppressWarnings("unchecked") // the one decoder of a route always decodes to the same type
  public <T> T decoded(java.util.function.Function<JsonNode, T> decoder) {
    if (decoded == null) {
      decoded = decoder.apply(jsonBody());
    }
    return (T) decoded;
  }

  /** The body as a JSON object; 400 when it is not JSON, 422 when it is not an object. */
  public JsonNode jsonBody() {
    if (parsed == null) {
      parsed = parse();
    }
    return parsed;
  }

  private JsonNode parse() {
    if (body.length == 0) {
      throw new ApiError(400, "malformed_json", "the request needs a JSON body");
    }
    String notUtf8 = Utf8.problem(body);
    if (notUtf8 != null) {
      throw new ApiError(400, "malformed_json", "the body is not UTF-8 JSON text: " + notUtf8);
    }
    JsonNode node;
    try {
      node = json.readTree(body);
    } catch (StreamConstraintsException e) {
      throw new ApiError(400, "malformed_json", constraint(e));
    } catch (MismatchedInputException e) {
      // the one mismatch a tree read reports: FAIL_ON_TRAILING_TOKENS, worded with class names
      throw new ApiError(400, "malformed_json", "the body has data after its JSON value");
    } catch (JsonProcessingException e) {
      throw new ApiError(400, "malformed_json", "the body is not valid JSON: " + brief(e));
    } catch (java.io.IOException e) {
      throw new ApiError(400, "malformed_json", "the body could not be read as JSON");
    }
    if (node == null || node.isMissingNode()) {
      throw new ApiError(400, "malformed_json", "the request needs a JSON body");
    }
    if (!node.isObject()) {
      throw ApiError.invalid("the body must be a JSON object");
    }
    return node;
  }

  /** Jackson's text names its settings class and getter; say which limit the body passed. */
  private static String constraint(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    if (m.contains("nesting depth")) {
      return "the body nests objects and arrays deeper than 64 levels";
    }
    if (m.contains("Number")) {
      return "the body holds a number longer than the parser accepts (1000 characters)";
    }
    if (m.contains("Name")) {
      return "the body holds a field name longer than the parser accepts (50000 characters)";
    }
    return "the body exceeds a limit of the JSON parser";
  }

  private static String brief(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    if (m == null) {
      return "unreadable";
    }
    // Jackson quotes a window of the input; keep the message short and free of raw bytes
    m = m.replaceAll("[^\\x20-\\x7e]", "?");
    // and a few of its messages name its own classes or settings in backquotes: drop those parts
    m = m.replaceAll("\\s*\\([^()]*`[A-Za-z_$]+(\\.[A-Za-z_$]+)+[^`]*`[^()]*\\)", "");
    return m.length() > 200 ? m.substring(0, 200) + "..." : m;
  }
}
