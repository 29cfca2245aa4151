package dev.warden.wire;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Typed access to the fields of an answer, for the codec and for answers only the client reads (a
 * policy). Lenient about fields it does not know, so a client keeps reading a newer server; a
 * missing or mistyped field it needs is a {@link WireException#malformed}.
 */
public final class AnswerFields {

  private AnswerFields() {}

  public static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw WireException.malformed("`" + field + "` is missing or not an object");
    }
    return v;
  }

  public static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw WireException.malformed("`" + field + "` is missing or not an array");
    }
    return v;
  }

  public static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw WireException.malformed("`" + field + "` is missing or not a string");
    }
    return v.textValue();
  }

  public static String optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return textValue(v, field);
  }

  public static String textValue(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw WireException.malformed("`" + field + "` is not a string");
    }
    return v.textValue();
  }

  public static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw WireException.malformed("`" + field + "` is missing or not true or false");
    }
    return v.booleanValue();
  }

  public static long integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw WireException.malformed("`" + field + "` is missing or not a whole number");
    }
    return v.longValue();
  }
}
