package dev.warden.cli.io;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.WardenException;
import dev.warden.wire.WireJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Streams the records of a data file (see docs/data-format.md) to a consumer, one at a time. Any
 * malformed record stops the read with its file, line and column.
 */
public final class DataFileReader {

  private static final ObjectMapper MAPPER = WireJson.records();

  private DataFileReader() {}

  /** Reads every record of the file, in order. */
  public static void read(Path file, Consumer<DataRecord> sink) {
    DataFormat format = DataFormat.of(file);
    JsonFactory factory = format == DataFormat.YAML ? new YAMLFactory() : MAPPER.getFactory();
    try (InputStream in = Files.newInputStream(file);
        JsonParser p = factory.createParser(in)) {
      p.setCodec(MAPPER);
      if (format == DataFormat.JSONL) {
        readLines(file, p, sink);
      } else {
        readDocument(file, p, sink);
      }
    } catch (JsonProcessingException e) {
      throw error(file, e.getLocation(), e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read `" + file + "`: " + e.getMessage(), e);
    }
  }

  private static void readLines(Path file, JsonParser p, Consumer<DataRecord> sink)
      throws IOException {
    while (p.nextToken() != null) {
      JsonLocation at = p.currentTokenLocation();
      JsonNode node = p.readValueAsTree();
      sink.accept(lineRecord(file, at, node));
    }
  }

  private static DataRecord lineRecord(Path file, JsonLocation at, JsonNode node) {
    if (node instanceof ObjectNode o && o.has("entity")) {
      return attributes(file, at, o.get("entity"), o.get("attributes"));
    }
    return grant(file, at, node);
  }

  private static void readDocument(Path file, JsonParser p, Consumer<DataRecord> sink)
      throws IOException {
    if (p.nextToken() == null) {
      return;
    }
    expect(
        file,
        p,
        JsonToken.START_OBJECT,
        "the file must hold an object with `grants` and `attributes`");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      switch (field) {
        case "grants" -> readGrants(file, p, value, sink);
        case "attributes" -> readAttributes(file, p, value, sink);
        default ->
            throw error(
                file,
                p.currentTokenLocation(),
                "unknown section `" + field + "`; expected `grants` or `attributes`");
      }
    }
  }

  private static void readGrants(
      Path file, JsonParser p, JsonToken first, Consumer<DataRecord> sink) throws IOException {
    if (first == JsonToken.VALUE_NULL) {
      return;
    }
    expect(file, p, JsonToken.START_ARRAY, "`grants` must be a list");
    while (p.nextToken() != JsonToken.END_ARRAY) {
      JsonLocation at = p.currentTokenLocation();
      sink.accept(grant(file, at, p.readValueAsTree()));
    }
  }

  private static void readAttributes(
      Path file, JsonParser p, JsonToken first, Consumer<DataRecord> sink) throws IOException {
    if (first == JsonToken.VALUE_NULL) {
      return;
    }
    expect(file, p, JsonToken.START_OBJECT, "`attributes` must map entities to attribute maps");
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      JsonLocation at = p.currentTokenLocation();
      String entity = p.currentName();
      p.nextToken();
      JsonNode values = p.readValueAsTree();
      sink.accept(attributes(file, at, MAPPER.getNodeFactory().textNode(entity), values));
    }
  }

  /**
   * One grant entry as data files write it (the text form, or an object with {@code grant}), read
   * from a tree; {@code at} is where it starts, for the error. Other file formats that embed grants
   * (policy test files) read theirs with this.
   */
  public static DataRecord grant(Path file, JsonLocation at, JsonNode node) {
    try {
      if (node != null && node.isTextual()) {
        return new DataRecord.GrantRecord(Grant.parse(node.asText()));
      }
      if (node instanceof ObjectNode o && o.has("grant") && o.get("grant").isTextual()) {
        Grant g = Grant.parse(o.get("grant").asText());
        JsonNode condition = o.get("condition");
        if (condition != null && !condition.isNull()) {
          Map<String, Object> context =
              o.has("context") ? MAPPER.convertValue(o.get("context"), MapType.REF) : Map.of();
          g = g.withCondition(new GrantCondition(condition.asText(), context));
        }
        return new DataRecord.GrantRecord(g);
      }
      throw WardenException.invalid(
          "a grant is `Type:id#relation@Type:id` or an object with a `grant` field");
    } catch (WardenException | IllegalArgumentException e) {
      throw error(file, at, e.getMessage());
    }
  }

  /**
   * The attributes of one entity as data files write them: {@code entity} is {@code Type:id},
   * {@code values} an object. Shared with the formats that embed attributes, as {@link #grant}.
   */
  public static DataRecord attributes(
      Path file, JsonLocation at, JsonNode entity, JsonNode values) {
    try {
      if (entity == null || !entity.isTextual()) {
        throw WardenException.invalid("`entity` must be `Type:id`");
      }
      if (values == null || !values.isObject()) {
        throw WardenException.invalid(
            "the attributes of `" + entity.asText() + "` must be an object");
      }
      Map<String, Object> map = MAPPER.convertValue(values, MapType.REF);
      return new DataRecord.AttributesRecord(EntityRef.parse(entity.asText()), map);
    } catch (WardenException | IllegalArgumentException e) {
      throw error(file, at, e.getMessage());
    }
  }

  private static void expect(Path file, JsonParser p, JsonToken token, String message) {
    if (p.currentToken() != token) {
      throw error(file, p.currentTokenLocation(), message);
    }
  }

  private static WardenException error(Path file, JsonLocation at, String message) {
    String where =
        at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
    return WardenException.invalid(where + ": " + message);
  }

  /** The map type records' attributes and contexts are read as. */
  private static final class MapType {
    static final com.fasterxml.jackson.core.type.TypeReference<Map<String, Object>> REF =
        new com.fasterxml.jackson.core.type.TypeReference<>() {};
  }
}
