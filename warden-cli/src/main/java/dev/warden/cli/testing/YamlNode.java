package dev.warden.cli.testing;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.api.WardenException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document as a tree whose every node knows its line and column, for the readers of other
 * tools' test files: they are small, and reading a tree first lets a reader decide what a file is
 * (by its keys) before interpreting it, while failures still point at their line.
 */
sealed interface YamlNode {

  /** Where the node starts (for a block scalar, its {@code |} indicator). */
  Location at();

  /** A string, number, boolean or null. */
  record Scalar(Location at, Object value) implements YamlNode {}

  /** A list. */
  record Seq(Location at, List<YamlNode> items) implements YamlNode {
    public Seq {
      items = List.copyOf(items);
    }
  }

  /** A mapping: its values in order, and where each key was written. */
  record Mapping(Location at, Map<String, YamlNode> values, Map<String, Location> keys)
      implements YamlNode {
    public Mapping {
      values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
      keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
    }
  }

  /** A key given twice is refused, as Warden's own test files refuse it. */
  JsonFactory YAML =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  /**
   * The document in {@code text}, read from {@code file}.
   *
   * @throws WardenException on a syntax error, at its line and column
   */
  static YamlNode parse(Path file, String text) {
    try (JsonParser p = YAML.createParser(text)) {
      if (p.nextToken() == null) {
        return new Scalar(new Location(file, 1, 1), null);
      }
      return read(file, p);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where =
          at == null ? file.toString() : file + ":" + at.getLineNr() + ":" + at.getColumnNr();
      throw WardenException.invalid(where + ": " + e.getOriginalMessage());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read `" + file + "`: " + e.getMessage(), e);
    }
  }

  /** The node at the parser's current token, consuming it. */
  private static YamlNode read(Path file, JsonParser p) throws IOException {
    Location at = location(file, p);
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      Map<String, YamlNode> values = new LinkedHashMap<>();
      Map<String, Location> keys = new LinkedHashMap<>();
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        keys.put(name, location(file, p));
        p.nextToken();
        values.put(name, read(file, p));
      }
      return new Mapping(at, values, keys);
    }
    if (t == JsonToken.START_ARRAY) {
      List<YamlNode> items = new ArrayList<>();
      while (p.nextToken() != JsonToken.END_ARRAY) {
        items.add(read(file, p));
      }
      return new Seq(at, items);
    }
    return switch (t) {
      case VALUE_NULL -> new Scalar(at, null);
      case VALUE_TRUE, VALUE_FALSE -> new Scalar(at, p.getBooleanValue());
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> new Scalar(at, p.getNumberValue());
      default -> new Scalar(at, p.getText());
    };
  }

  private static Location location(Path file, JsonParser p) {
    JsonLocation l = p.currentTokenLocation();
    return new Location(file, l.getLineNr(), l.getColumnNr());
  }

  /** The node as plain Java values (maps, lists, strings, numbers, booleans), for contexts. */
  static Object plain(YamlNode n) {
    if (n instanceof Scalar s) {
      return s.value();
    }
    if (n instanceof Seq s) {
      List<Object> out = new ArrayList<>();
      s.items().forEach(i -> out.add(plain(i)));
      return out;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Mapping) n).values().forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }
}
