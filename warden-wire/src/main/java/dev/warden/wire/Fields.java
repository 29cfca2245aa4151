package dev.warden.wire;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Typed access to the fields of a request, refusing with messages naming the field's path, such as
 * {@code `checks[3].actor.id` must be a string}.
 */
final class Fields {

  private Fields() {}

  /** Refuses any field not in {@code known}: a misspelt field must not be silently ignored. */
  static void only(JsonNode node, String path, String... known) {
    java.util.Set<String> allowed = java.util.Set.of(known);
    for (java.util.Map.Entry<String, JsonNode> e : node.properties()) {
      if (!allowed.contains(e.getKey())) {
        throw WireException.invalid(
            "unknown field `"
                + path
                + e.getKey()
                + "`"
                + dev.warden.api.Suggestions.didYouMean(e.getKey(), allowed));
      }
    }
  }

  static String text(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      throw WireException.invalid("`" + path + field + "` is required");
    }
    if (!v.isTextual()) {
      throw WireException.invalid("`" + path + field + "` must be a string");
    }
    return v.textValue();
  }

  static String optionalText(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw WireException.invalid("`" + path + field + "` must be a string");
    }
    return v.textValue();
  }

  static JsonNode object(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      throw WireException.invalid("`" + path + field + "` is required");
    }
    if (!v.isObject()) {
      throw WireException.invalid("`" + path + field + "` must be an object");
    }
    return v;
  }

  static JsonNode optionalObject(JsonNode parent, String field, String path) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isObject()) {
      throw WireException.invalid("`" + path + field + "` must be an object");
    }
    return v;
  }

  static List<JsonNode> array(JsonNode parent, String field, String path, boolean required) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw WireException.invalid("`" + path + field + "` is required");
      }
      return List.of();
    }
    if (!v.isArray()) {
      throw WireException.invalid("`" + path + field + "` must be an array");
    }
    List<JsonNode> out = new ArrayList<>(v.size());
    v.forEach(out::add);
    return out;
  }

  static boolean bool(JsonNode parent, String field, String path, boolean fallback) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isBoolean()) {
      throw WireException.invalid("`" + path + field + "` must be true or false");
    }
    return v.booleanValue();
  }

  static long integer(JsonNode parent, String field, String path, long fallback) {
    JsonNode v = parent.get(field);
    if (v == null || v.isNull()) {
      return fallback;
    }
    if (!v.isIntegralNumber() || !v.canConvertToLong()) {
      throw WireException.invalid("`" + path + field + "` must be a whole number");
    }
    return v.longValue();
  }

  /** A JSON object as a map of plain Java values (String, Long, Double, Boolean, List, Map). */
  static Map<String, Object> map(JsonNode parent, String field, String path) {
    JsonNode v = optionalObject(parent, field, path);
    if (v == null) {
      return Map.of();
    }
    Map<String, Object> out = new LinkedHashMap<>();
    v.properties()
        .forEach(
            e -> {
              if (e.getValue().isNull()) {
                throw WireException.invalid(
                    "`" + path + field + "." + e.getKey() + "` is null; omit it instead");
              }
              out.put(e.getKey(), value(e.getValue(), path + field + "." + e.getKey()));
            });
    return out;
  }

  /** Plain Java values ({@link Values#plain}); a null anywhere is refused, naming its path. */
  static Object value(JsonNode v, String path) {
    return Values.plain(
        v, path, p -> WireException.invalid("`" + p + "` is null; omit it instead"));
  }
}
