package dev.warden.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.WardenException;
import dev.warden.wire.WireJson;

/** Reads tool-call arguments, which models send as a JSON object. */
final class Arguments {

  private static final ObjectMapper JSON = WireJson.mapper();

  private Arguments() {}

  /** The named argument as text; fails when absent or not a scalar. */
  static String text(String argumentsJson, String name) {
    JsonNode root;
    try {
      root = JSON.readTree(argumentsJson == null || argumentsJson.isBlank() ? "{}" : argumentsJson);
    } catch (JsonProcessingException e) {
      throw WardenException.invalid("tool arguments are not JSON");
    }
    JsonNode value = root == null ? null : root.get(name);
    if (value == null || value.isNull() || value.isContainerNode()) {
      throw WardenException.invalid("tool argument `" + name + "` is missing or not a value");
    }
    return value.asText();
  }
}
