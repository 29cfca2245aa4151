package dev.warden.importer.openfga;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.api.GrantCondition;
import dev.warden.api.WardenException;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads OpenFGA tuple files with Jackson's streaming parser, so that every tuple keeps where it
 * stands: a list of tuples ({@code fga tuple write --file}), or an object whose {@code tuples} key
 * holds one (a store file; its other keys are skipped). JSON or YAML, the same shapes.
 */
final class TupleFileReader {

  /**
   * A tuple as written, not yet checked beyond its shape.
   *
   * @param span where the tuple's object starts
   * @param valueSpans where the value of each of {@code user}, {@code relation}, {@code object}
   *     stands
   */
  record RawTuple(
      String user,
      String relation,
      String object,
      GrantCondition condition,
      Span span,
      Map<String, Span> valueSpans) {}

  private static final JsonFactory JSON =
      JsonFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonFactory YAML =
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final Set<String> FIELDS = Set.of("user", "relation", "object", "condition");
  private static final String SHAPE_HINT =
      "a tuple is `{user: \"user:anne\", relation: \"viewer\", object: \"document:1\"}`";

  private final SourceFile source;
  private final JsonParser p;
  private final List<ImportDiagnostic> diagnostics;

  private TupleFileReader(SourceFile source, JsonParser p, List<ImportDiagnostic> diagnostics) {
    this.source = source;
    this.p = p;
    this.diagnostics = diagnostics;
  }

  /** The tuples of the file; what is not a tuple is added to {@code diagnostics}. */
  static List<RawTuple> read(SourceFile source, List<ImportDiagnostic> diagnostics) {
    JsonFactory f = source.name().endsWith(".json") ? JSON : YAML;
    try (JsonParser p = f.createParser(source.text())) {
      return new TupleFileReader(source, p, diagnostics).document();
    } catch (JsonProcessingException e) {
      Span at = span(source, e.getLocation(), 1);
      diagnostics.add(
          new ImportDiagnostic(
              "FGA301", e.getOriginalMessage(), at, "the file must be JSON or YAML"));
    } catch (IOException e) {
      diagnostics.add(new ImportDiagnostic("FGA301", e.toString(), new Span(0, 0, 1, 1), null));
    }
    return List.of();
  }

  private List<RawTuple> document() throws IOException {
    JsonToken t = p.nextToken();
    if (t == JsonToken.START_ARRAY) {
      return list();
    }
    if (t == JsonToken.START_OBJECT) {
      List<RawTuple> out = null;
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        p.nextToken();
        if (key.equals("tuples") && p.currentToken() == JsonToken.START_ARRAY) {
          out = list();
        } else {
          p.skipChildren();
        }
      }
      if (out != null) {
        return out;
      }
    }
    fail(here(1), "a tuple file holds a list of tuples or an object with a `tuples` list");
    return List.of();
  }

  private List<RawTuple> list() throws IOException {
    List<RawTuple> out = new ArrayList<>();
    while (p.nextToken() != JsonToken.END_ARRAY) {
      if (p.currentToken() != JsonToken.START_OBJECT) {
        fail(here(1), "a tuple must be an object");
        p.skipChildren();
        continue;
      }
      RawTuple r = tuple();
      if (r != null) {
        out.add(r);
      }
    }
    return out;
  }

  private RawTuple tuple() throws IOException {
    Span start = here(1);
    Map<String, String> fields = new LinkedHashMap<>();
    Map<String, Span> spans = new LinkedHashMap<>();
    Set<String> seen = new HashSet<>();
    GrantCondition condition = null;
    boolean bad = false;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String key = p.currentName();
      Span keyAt = here(key.length());
      seen.add(key);
      p.nextToken();
      if (!FIELDS.contains(key)) {
        bad = fail(keyAt, "unknown tuple field `" + key + "`");
        p.skipChildren();
      } else if (key.equals("condition")) {
        condition = condition();
        bad |= condition == null;
      } else if (p.currentToken() != JsonToken.VALUE_STRING) {
        bad = fail(here(1), "`" + key + "` must be a string");
        p.skipChildren();
      } else {
        fields.put(key, p.getText());
        spans.put(key, here(p.getText().length() + (quoted() ? 2 : 0)));
      }
    }
    for (String k : List.of("user", "relation", "object")) {
      if (!seen.contains(k)) {
        bad = fail(start, "the tuple has no `" + k + "`");
      }
    }
    if (bad) {
      return null;
    }
    return new RawTuple(
        fields.get("user"),
        fields.get("relation"),
        fields.get("object"),
        condition,
        start,
        Map.copyOf(spans));
  }

  private GrantCondition condition() throws IOException {
    Span at = here(1);
    if (p.currentToken() == JsonToken.VALUE_NULL) {
      return null;
    }
    Object v = value();
    if (v instanceof Map<?, ?> m && m.get("name") instanceof String name) {
      Object context = m.get("context");
      if (m.keySet().stream().allMatch(k -> k.equals("name") || k.equals("context"))
          && (context == null || context instanceof Map)) {
        try {
          @SuppressWarnings("unchecked")
          Map<String, Object> c = (Map<String, Object>) context;
          return OpenFgaTuples.condition(name, c);
        } catch (WardenException e) {
          fail(at, e.getMessage());
          return null;
        }
      }
    }
    fail(at, "a condition is `{name: \"cond\", context: {...}}`");
    return null;
  }

  /** The JSON value at the current token, as maps, lists, strings, numbers and booleans. */
  private Object value() throws IOException {
    switch (p.currentToken()) {
      case START_OBJECT -> {
        Map<String, Object> m = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String k = p.currentName();
          p.nextToken();
          m.put(k, value());
        }
        return m;
      }
      case START_ARRAY -> {
        List<Object> l = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          l.add(value());
        }
        return l;
      }
      case VALUE_STRING -> {
        return p.getText();
      }
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
        return p.getNumberValue();
      }
      case VALUE_TRUE, VALUE_FALSE -> {
        return p.getBooleanValue();
      }
      default -> {
        return null;
      }
    }
  }

  private boolean fail(Span at, String message) {
    diagnostics.add(new ImportDiagnostic("FGA302", message, at, SHAPE_HINT));
    return true;
  }

  private boolean quoted() {
    int at = here(0).start();
    return at < source.text().length() && "\"'".indexOf(source.text().charAt(at)) >= 0;
  }

  private Span here(int length) {
    return span(source, p.currentTokenLocation(), length);
  }

  /** A span from Jackson's location; YAML reports no character offset, so it is recomputed. */
  private static Span span(SourceFile source, JsonLocation l, int length) {
    int line = Math.max(1, l.getLineNr());
    int column = Math.max(1, l.getColumnNr());
    int start = offset(source.text(), line, column);
    return new Span(start, Math.min(source.text().length(), start + length), line, column);
  }

  private static int offset(String text, int line, int column) {
    int off = 0;
    for (int l = 1; l < line && off < text.length(); l++) {
      int nl = text.indexOf('\n', off);
      off = nl < 0 ? text.length() : nl + 1;
    }
    return Math.min(text.length(), off + column - 1);
  }
}
