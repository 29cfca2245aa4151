package dev.warden.cli.testing;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the readers of other tools' test files share: reading the tree's parts with precise errors,
 * and placing an embedded text (a model, schema or relationships block) where it stands in the test
 * file, so the importers' diagnostics carry the test file's own lines and columns.
 */
final class ForeignFiles {

  private ForeignFiles() {}

  static WardenException error(Location at, String message) {
    return WardenException.invalid(at + ": " + message);
  }

  /** A refusal with the importer's rendered diagnostics as details, printed under the message. */
  static WardenException refused(Location at, String message, List<String> rendered) {
    return new WardenException(
        ErrorCode.INVALID_REQUEST, at + ": " + message, List.copyOf(rendered), null);
  }

  static String readFile(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UncheckedIOException("cannot read `" + file + "`: no such file", e);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read `" + file + "`: " + e.getMessage(), e);
    }
  }

  static YamlNode.Mapping mapping(YamlNode n, String what) {
    if (n instanceof YamlNode.Mapping m) {
      return m;
    }
    throw error(n.at(), what + " must be a mapping");
  }

  /** The items of a list; an absent or null value is an empty list. */
  static List<YamlNode> items(YamlNode n, String what) {
    if (n == null || (n instanceof YamlNode.Scalar s && s.value() == null)) {
      return List.of();
    }
    if (n instanceof YamlNode.Seq s) {
      return s.items();
    }
    throw error(n.at(), what + " must be a list");
  }

  static String text(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar s && s.value() instanceof String text) {
      return text;
    }
    throw error(n.at(), what + " must be a string");
  }

  static boolean bool(YamlNode n, String what) {
    if (n instanceof YamlNode.Scalar s && s.value() instanceof Boolean b) {
      return b;
    }
    throw error(n.at(), what + " must be `true` or `false`");
  }

  /** The value of a required key. */
  static YamlNode required(YamlNode.Mapping m, String key, String what) {
    YamlNode v = m.values().get(key);
    if (v == null) {
      throw error(m.at(), what + " needs `" + key + "`");
    }
    return v;
  }

  /** Refuses a key outside {@code allowed}, at the key. */
  static void onlyKeys(YamlNode.Mapping m, String what, Set<String> allowed, String listed) {
    for (Map.Entry<String, Location> k : m.keys().entrySet()) {
      if (!allowed.contains(k.getKey())) {
        throw error(
            k.getValue(), "unknown key `" + k.getKey() + "` in " + what + "; expected " + listed);
      }
    }
  }

  /** A request context: a mapping of names to values, or absent. */
  @SuppressWarnings("unchecked")
  static Map<String, Object> context(YamlNode n) {
    if (n == null || (n instanceof YamlNode.Scalar s && s.value() == null)) {
      return Map.of();
    }
    return (Map<String, Object>) YamlNode.plain(mapping(n, "`context`"));
  }

  /**
   * A text embedded in a test file.
   *
   * @param text the text itself, what the importer reads
   * @param lines lines before the text's first line in the test file
   * @param columns the block's indentation
   * @param shown what diagnostics are rendered against: the test file when the text is a literal
   *     block standing in it, else the text alone under the name {@code FILE (key)}
   */
  record Embedded(String text, int lines, int columns, SourceFile shown) {

    /** The text as the importer should read it, under the name diagnostics are given. */
    SourceFile source() {
      return new SourceFile(shown.name(), text);
    }

    /** The importer's diagnostics, moved to where the text stands and rendered. */
    List<String> render(List<ImportDiagnostic> diagnostics) {
      List<String> out = new ArrayList<>();
      for (ImportDiagnostic d : diagnostics) {
        Span s = d.span();
        Span moved = new Span(s.start(), s.end(), s.line() + lines, s.column() + columns);
        out.add(new ImportDiagnostic(d.code(), d.message(), moved, d.hint()).render(shown));
      }
      return out;
    }
  }

  /**
   * Where {@code value}, the scalar at {@code at} in {@code file} (whose text is {@code fileText}),
   * stands: a YAML literal block ({@code key: |}) lies line for line in the file, at one
   * indentation; any other scalar is read on its own.
   */
  static Embedded embedded(Path file, String fileText, Location at, String value, String key) {
    String[] fileLines = fileText.split("\n", -1);
    String indicator = at.line() <= fileLines.length ? fileLines[at.line() - 1] : "";
    int col = at.column() - 1;
    if (col < indicator.length() && indicator.charAt(col) == '|') {
      String[] valueLines = value.split("\n", -1);
      int count = value.endsWith("\n") ? valueLines.length - 1 : valueLines.length;
      int indent = -1;
      boolean same = at.line() + count <= fileLines.length;
      for (int i = 0; same && i < count; i++) {
        String line = fileLines[at.line() + i].replace("\r", "");
        if (valueLines[i].isBlank()) {
          same = line.isBlank();
          continue;
        }
        int lead = line.length() - line.stripLeading().length();
        indent = indent < 0 ? lead : indent;
        same = lead >= indent && line.substring(indent).equals(valueLines[i]);
      }
      if (same) {
        return new Embedded(
            value, at.line(), Math.max(indent, 0), new SourceFile(file.toString(), fileText));
      }
    }
    String name = file + " (" + key + ")";
    return new Embedded(value, 0, 0, new SourceFile(name, value));
  }

  /** A file the test file names, on its own: diagnostics point into it. */
  static Embedded referenced(Path file) {
    String text = readFile(file);
    return new Embedded(text, 0, 0, new SourceFile(file.toString(), text));
  }
}
