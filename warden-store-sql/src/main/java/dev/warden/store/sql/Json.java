package dev.warden.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.util.Map;

/**
 * The JSON text stored for condition contexts and attributes. Integers read back as {@code Long}
 * and fractions as {@code Double}, the shapes the policy validator normalizes values to, so that a
 * value read back equals the value written and touching it again is a no-op.
 */
final class Json {

  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private Json() {}

  static String write(Map<String, Object> values) {
    try {
      return MAPPER.writeValueAsString(values);
    } catch (JsonProcessingException e) {
      throw WardenException.invalid("a value cannot be stored as JSON: " + e.getOriginalMessage());
    }
  }

  static Map<String, Object> read(String text) {
    if (text == null || text.isEmpty()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(text, MAP);
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INTERNAL,
          "stored JSON is corrupt: " + e.getOriginalMessage(),
          java.util.List.of(),
          e);
    }
  }
}
