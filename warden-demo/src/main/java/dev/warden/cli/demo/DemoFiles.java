package dev.warden.cli.demo;

import dev.warden.api.WardenException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

/**
 * The example files a demo runs on: a directory given by the user, or the copy bundled in the jar
 * (extracted to a temporary directory, since the data readers take files).
 */
final class DemoFiles {

  private DemoFiles() {}

  /** {@code dir} when given, else the bundled example {@code name} with these files. */
  static Path resolve(Path dir, String name, List<String> files) {
    if (dir != null) {
      if (!Files.isDirectory(dir)) {
        throw WardenException.invalid("`" + dir + "` is not a directory");
      }
      return dir;
    }
    try {
      Path tmp = Files.createTempDirectory("warden-demo-" + name);
      tmp.toFile().deleteOnExit();
      for (String f : files) {
        Path target = tmp.resolve(f);
        Files.createDirectories(target.getParent());
        try (InputStream in = DemoFiles.class.getResourceAsStream(name + "/" + f)) {
          if (in == null) {
            throw new IllegalStateException(
                "the bundled demo file " + name + "/" + f + " is missing");
          }
          Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        }
        target.toFile().deleteOnExit();
      }
      return tmp;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot extract the bundled demo files", e);
    }
  }
}
