package dev.warden.audit;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a stored entry line (its {@link CanonicalForm}) back into a decision. Strict: every field
 * must be present once, with its type, and nothing else; a line that is not an entry throws {@link
 * IllegalArgumentException} saying why, which verify reports as the break.
 */
final class EntryParser {

  private static final JsonFactory JSON = new JsonFactory();

  private static final List<String> FIELDS =
      List.of(
          "seq",
          "time_us",
          "decision_id",
          "actor",
          "action",
          "resource",
          "tenant",
          "allowed",
          "revision",
          "policy_version",
          "reason",
          "latency_us",
          "key_id",
          "source");

  private EntryParser() {}

  /** An entry line read back: its sequence number and decision. */
  record Parsed(long seq, DecisionEvent event) {}

  static Parsed parse(String line) {
    Map<String, Object> values = fields(line);
    for (String name : FIELDS) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("field `" + name + "` is missing");
      }
    }
    DecisionEvent event =
        new DecisionEvent(
            CanonicalForm.instant(number(values, "time_us")),
            text(values, "decision_id"),
            ref(values, "actor"),
            text(values, "action"),
            ref(values, "resource"),
            optionalText(values, "tenant"),
            bool(values, "allowed"),
            number(values, "revision"),
            optionalText(values, "policy_version"),
            text(values, "reason"),
            number(values, "latency_us"),
            optionalText(values, "key_id"),
            text(values, "source"));
    return new Parsed(number(values, "seq"), event);
  }

  private static Map<String, Object> fields(String line) {
    Map<String, Object> values = new HashMap<>(32);
    try (JsonParser p = JSON.createParser(line)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("it is not a JSON object");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (!FIELDS.contains(name)) {
          throw new IllegalArgumentException("unknown field `" + name + "`");
        }
        if (values.containsKey(name)) {
          throw new IllegalArgumentException("field `" + name + "` is repeated");
        }
        values.put(name, value(p.nextToken(), p, name));
      }
      if (p.currentToken() != JsonToken.END_OBJECT || p.nextToken() != null) {
        throw new IllegalArgumentException("it does not end after the object");
      }
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("it is not JSON: " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new IllegalArgumentException("it cannot be read: " + e.getMessage(), e);
    }
    return values;
  }

  private static Object value(JsonToken t, JsonParser p, String name) throws IOException {
    return switch (t) {
      case VALUE_STRING -> p.getText();
      case VALUE_NUMBER_INT -> p.getLongValue();
      case VALUE_TRUE -> true;
      case VALUE_FALSE -> false;
      case VALUE_NULL -> null;
      default -> throw new IllegalArgumentException("field `" + name + "` has a " + t + " value");
    };
  }

  private static String text(Map<String, Object> values, String name) {
    if (values.get(name) instanceof String s) {
      return s;
    }
    throw new IllegalArgumentException("field `" + name + "` is not a string");
  }

  private static EntityRef ref(Map<String, Object> values, String name) {
    String text = text(values, name);
    try {
      return EntityRef.parse(text);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          "field `" + name + "` is not an entity `Type:id`: " + e.getMessage(), e);
    }
  }

  private static String optionalText(Map<String, Object> values, String name) {
    return values.get(name) == null ? null : text(values, name);
  }

  private static boolean bool(Map<String, Object> values, String name) {
    if (values.get(name) instanceof Boolean b) {
      return b;
    }
    throw new IllegalArgumentException("field `" + name + "` is not true or false");
  }

  private static long number(Map<String, Object> values, String name) {
    if (values.get(name) instanceof Long n) {
      return n;
    }
    throw new IllegalArgumentException("field `" + name + "` is not an integer");
  }
}
