package dev.warden.cli;

import dev.warden.lang.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** What the policy commands share: how they report unreadable files and diagnostics. */
final class PolicyFiles {

  private PolicyFiles() {}

  /**
   * The source of a policy file, or empty when it cannot be read, after printing why to {@code
   * err}: for commands that answer exit status 2 then.
   */
  static Optional<SourceFile> readOrReport(Path file, PrintWriter err) {
    try {
      return Optional.of(SourceFile.read(file));
    } catch (IOException e) {
      err.println(cannotRead(file, e));
      return Optional.empty();
    }
  }

  /**
   * The policy file's text, for commands that report failures by throwing: an unreadable file is an
   * {@link UncheckedIOException} carrying the same words {@link #cannotRead} prints.
   */
  static SourceFile read(Path file) {
    try {
      return SourceFile.read(file);
    } catch (IOException e) {
      throw new UncheckedIOException(cannotRead(file, e).substring("error: ".length()), e);
    }
  }

  static String cannotRead(Path file, IOException e) {
    String why = e instanceof NoSuchFileException ? "no such file" : String.valueOf(e.getMessage());
    return "error: cannot read `" + file + "`: " + why;
  }

  /** Each rendered diagnostic followed by a blank line, as compilers print them. */
  static void printDiagnostics(List<String> rendered, PrintWriter err) {
    for (String d : rendered) {
      err.println(d);
      err.println();
    }
  }
}
