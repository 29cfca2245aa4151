package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A small structural check of a JSON value against a schema of {@code openapi.json}: types,
 * required properties, nullability and no undocumented fields. Enough for the shapes the document
 * uses; no schema library is needed.
 */
final class OpenApiSchemas {

  private OpenApiSchemas() {}

  static void validate(
      JsonNode doc, JsonNode schema, JsonNode value, String at, List<String> problems) {
    if (schema.has("$ref")) {
      String ref = schema.get("$ref").asText();
      validate(doc, doc.at(ref.substring(1)), value, at, problems);
      return;
    }
    if (value.isNull()) {
      if (!schema.path("nullable").asBoolean(false)) {
        problems.add(at + ": null where the schema does not allow it");
      }
      return;
    }
    String type = schema.path("type").asText("");
    boolean ok =
        switch (type) {
          case "object" -> value.isObject();
          case "array" -> value.isArray();
          case "string" -> value.isTextual();
          case "integer" -> value.isIntegralNumber();
          case "boolean" -> value.isBoolean();
          default -> true;
        };
    if (!ok) {
      problems.add(at + ": expected " + type + " but was " + value);
      return;
    }
    for (JsonNode req : schema.path("required")) {
      if (!value.has(req.asText())) {
        problems.add(at + ": missing required `" + req.asText() + "`");
      }
    }
    if (value.isObject()) {
      for (Map.Entry<String, JsonNode> f : value.properties()) {
        JsonNode prop = schema.path("properties").get(f.getKey());
        if (prop != null) {
          validate(doc, prop, f.getValue(), at + "." + f.getKey(), problems);
        } else if (schema.path("additionalProperties").isObject()) {
          validate(
              doc,
              schema.get("additionalProperties"),
              f.getValue(),
              at + "." + f.getKey(),
              problems);
        } else if (schema.has("properties")
            && !schema.path("additionalProperties").asBoolean(false)) {
          problems.add(at + ": undocumented field `" + f.getKey() + "`");
        }
      }
    }
    if (value.isArray() && schema.has("items")) {
      int i = 0;
      for (JsonNode item : value) {
        validate(doc, schema.get("items"), item, at + "[" + i++ + "]", problems);
      }
    }
  }
}
