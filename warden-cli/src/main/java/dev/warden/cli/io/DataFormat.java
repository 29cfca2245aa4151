package dev.warden.cli.io;

import dev.warden.api.WardenException;
import java.nio.file.Path;
import java.util.Locale;

/** The file formats for grants and attributes, chosen by extension. */
public enum DataFormat {
  YAML,
  JSON,
  JSONL;

  /** The format of a file by its extension. */
  public static DataFormat of(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".yaml") || name.endsWith(".yml")) {
      return YAML;
    }
    if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
      return JSONL;
    }
    if (name.endsWith(".json")) {
      return JSON;
    }
    throw WardenException.invalid(
        "cannot tell the format of `" + file + "`: use a .yaml, .yml, .json or .jsonl file");
  }
}
