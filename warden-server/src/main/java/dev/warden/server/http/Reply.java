package dev.warden.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * A complete answer: status, content type and body bytes. Handlers compute replies off the event
 * loop when they block; the event loop only writes them. A reply may be held until a stage
 * completes ({@link #after}): the server sends it then, or an error if the stage fails, without any
 * thread waiting for it (durable audit holds answers until their records are committed).
 */
public final class Reply {

  private final int status;
  private final String contentType;
  private final byte[] body;
  private final CompletionStage<?> gate;

  /** An answer; the body array is owned by the reply from now on. */
  public Reply(int status, String contentType, byte[] body) {
    this(status, contentType, body, null);
  }

  private Reply(int status, String contentType, byte[] body, CompletionStage<?> gate) {
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.gate = gate;
  }

  /** This answer, to be sent only once {@code stage} has completed normally. */
  public Reply after(CompletionStage<?> stage) {
    return new Reply(status, contentType, body, Objects.requireNonNull(stage, "stage"));
  }

  /** What the answer waits for before it is sent, or null when it can be sent now. */
  public CompletionStage<?> gate() {
    return gate;
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
