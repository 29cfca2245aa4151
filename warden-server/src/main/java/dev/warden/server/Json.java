package dev.warden.server;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The server's JSON settings: strict parsing, bounded nesting. */
final class Json {

  /** Deeper request bodies are refused as malformed (400); no valid request nests this deep. */
  static final int MAX_NESTING = 64;

  private Json() {}

  static ObjectMapper mapper() {
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();
    ObjectMapper m = new ObjectMapper(factory);
    m.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    m.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    return m;
  }
}
