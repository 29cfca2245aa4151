package dev.warden.store.sql;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.api.ErrorCode;
import dev.warden.api.JsonValues;
import dev.warden.api.WardenException;
import java.util.Map;

/**
 * The JSON text stored for condition contexts and attributes. Values read back in the normal form
 * of {@link JsonValues} (integers as {@code Long}, a {@code uint} above 2^63-1 as {@code
 * BigInteger}, fractions as {@code Double}), the shapes the policy validator normalizes values to,
 * so that a value read back equals the value written and touching it again is a no-op.
 */
final class Json {

  // Not USE_LONG_FOR_INTS: it refuses a whole number above a long, which a uint may hold.
  private static final ObjectMapper MAPPER = new ObjectMapper();
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
      return JsonValues.normalizeMap(MAPPER.readValue(text, MAP));
    } catch (JsonProcessingException e) {
      throw new WardenException(
          ErrorCode.INTERNAL,
          "stored JSON is corrupt: " + e.getOriginalMessage(),
          java.util.List.of(),
          e);
    }
  }
}
