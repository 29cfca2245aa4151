package dev.warden.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The one Jackson configuration of the wire: trailing tokens and duplicate keys refused, nesting
 * bounded. The server reads request bodies with {@link #mapper()}; the client reads answers with
 * {@link #answerMapper()}, the same settings with Jackson's default nesting bound, because an
 * explanation tree nests as deep as the engine's chain of relations (50 by default, two JSON levels
 * each), deeper than any request. Files of records (the CLI's data files) are read with {@link
 * #records()}, where the value after a record is the next record.
 */
public final class WireJson {

  /** Deeper request bodies are refused as malformed; no valid request nests this deep. */
  public static final int MAX_NESTING = 64;

  private WireJson() {}

  /** A mapper for request bodies from callers: nesting bounded at {@link #MAX_NESTING}. */
  public static ObjectMapper mapper() {
    return build(MAX_NESTING);
  }

  /** A mapper for the server's answers: Jackson's default nesting bound. */
  public static ObjectMapper answerMapper() {
    return build(StreamReadConstraints.DEFAULT_MAX_DEPTH);
  }

  /**
   * A mapper for streams of records read one after another from one parser (JSON lines, a YAML
   * document of records): the request settings, but a value after the one read is the next record,
   * not trailing garbage.
   */
  public static ObjectMapper records() {
    return build(MAX_NESTING).disable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
  }

  /** A JSON tree as bytes. */
  public static byte[] bytes(ObjectMapper json, JsonNode tree) {
    try {
      return json.writeValueAsBytes(tree);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  private static ObjectMapper build(int maxNesting) {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(maxNesting).build())
            .build();
    ObjectMapper m = new ObjectMapper(factory);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }
}
