package dev.warden.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * A complete answer: status, content type and body bytes. Handlers compute replies off the event
 * loop when they block; the event loop only writes them.
 */
public final class Reply {

  private final int status;
  private final String contentType;
  private final byte[] body;

  /** An answer; the body array is owned by the reply from now on. */
  public Reply(int status, String contentType, byte[] body) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
  }

  public int status() {
    return status;
  }

  public String contentType() {
    return contentType;
  }

  /** The body bytes; callers must not modify them. */
  public byte[] body() {
    return body;
  }

  /** A JSON answer. */
  public static Reply json(ObjectMapper mapper, int status, JsonNode body) {
    try {
      return new Reply(status, "application/json", mapper.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** A 200 JSON answer. */
  public static Reply ok(ObjectMapper mapper, JsonNode body) {
    return json(mapper, 200, body);
  }

  /** A text answer. */
  public static Reply text(int status, String contentType, String body) {
    return new Reply(status, contentType, body.getBytes(StandardCharsets.UTF_8));
  }
}
