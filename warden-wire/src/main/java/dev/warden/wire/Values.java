package dev.warden.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.JsonValues;
import dev.warden.api.WardenException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Attribute, context and condition values both ways: Java values as JSON, and JSON as the plain
 * Java values the engine reads (String, Long, Double, Boolean, List, Map).
 */
final class Values {

  static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Values() {}

  /** A map of values as a JSON object. */
  static ObjectNode toJson(Map<String, ?> m, String path) {
    ObjectNode n = NODES.objectNode();
    m.forEach((k, v) -> n.set(k, toJson(v, path + "." + k)));
    return n;
  }

  /**
   * One value: JSON's own types as themselves; times and durations as the ISO-8601 strings the
   * engine parses ({@code Instant}, {@code OffsetDateTime}, {@code Duration}); null as JSON null,
   * which the server refuses with the field's path.
   */
  static JsonNode toJson(Object v, String path) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof String s) {
      return NODES.textNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return NODES.numberNode(((Number) v).doubleValue());
    }
    if (v instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if (v instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode n = NODES.objectNode();
      m.forEach((k, item) -> n.set(String.valueOf(k), toJson(item, path + "." + k)));
      return n;
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode();
      int i = 0;
      for (Object item : c) {
        a.add(toJson(item, path + "[" + i++ + "]"));
      }
      return a;
    }
    if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof Duration) {
      return NODES.textNode(v.toString());
    }
    throw WardenException.invalid(
        "`"
            + path
            + "` is a "
            + v.getClass().getName()
            + ", which has no JSON form; use a string, number, boolean, list or map");
  }

  /**
   * JSON in an answer as plain Java values, typed as the server types them when it reads a request
   * ({@link #plain(JsonNode, String, Function)}), so grant conditions compare equal to the embedded
   * engine's.
   */
  static Object plain(JsonNode v) {
    return plain(v, "", path -> WireException.malformed("a stored value is null"));
  }

  /**
   * JSON as plain Java values in the normal form of {@link JsonValues}: strings, booleans, integers
   * as {@code long} (a {@code uint} above 2^63-1 as {@code BigInteger}, as {@code double} when they
   * fit neither), other numbers as {@code double}, lists and maps; a null anywhere is refused with
   * {@code ifNull} of its path, because stored maps cannot hold one.
   */
  static Object plain(JsonNode v, String path, Function<String, WireException> ifNull) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong()
          ? (Object) v.longValue()
          : JsonValues.normalize(v.bigIntegerValue());
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>(v.size());
      int i = 0;
      for (JsonNode item : v) {
        list.add(plain(item, path + "[" + i++ + "]", ifNull));
      }
      return list;
    }
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      v.properties()
          .forEach(e -> m.put(e.getKey(), plain(e.getValue(), path + "." + e.getKey(), ifNull)));
      return m;
    }
    throw ifNull.apply(path);
  }
}
