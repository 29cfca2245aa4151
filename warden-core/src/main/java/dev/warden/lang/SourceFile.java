package dev.warden.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A policy source: the name shown in diagnostics and origins, and the text.
 *
 * @param name usually the path as the user gave it ({@code policy.warden})
 * @param text the whole file
 */
public record SourceFile(String name, String text) {

  public SourceFile {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(text, "text");
  }

  /**
   * Reads a UTF-8 file. Malformed bytes become U+FFFD, which the lexer then reports where it
   * stands, rather than failing the whole read; a leading byte order mark is dropped.
   */
  public static SourceFile read(Path path) throws IOException {
    String text = new String(Files.readAllBytes(path), StandardCharsets.UTF_8);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    return new SourceFile(path.toString(), text);
  }
}
