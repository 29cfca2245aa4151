package dev.warden.importer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.warden.lang.Compilation;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared conformance data of other engines. The folder sits next to the checkout ({@code
 * ../shared/conformance}); worktrees nest one level deeper, so it is looked up through the parent
 * directories. A missing folder fails the test: skipping would pass without testing anything.
 */
public final class Conformance {
  private Conformance() {}

  public static Path root() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      Path c = p.resolve("shared/conformance");
      if (Files.isDirectory(c)) {
        return c;
      }
    }
    throw new AssertionError(
        "shared/conformance not found above " + Path.of("").toAbsolutePath() + ": it must exist");
  }

  public static JsonNode yaml(String relative) {
    try {
      return new ObjectMapper(new YAMLFactory()).readTree(root().resolve(relative).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Renders the imported policy, compiles it, and fails unless the two mean the same. */
  public static void assertRoundTrips(String name, Policy policy) {
    String text = PolicyRenderer.render(policy);
    Compilation c = PolicyCompiler.compile(new SourceFile(name + ".warden", text));
    if (c.hasErrors()) {
      throw new AssertionError(name + ":\n" + text + "\n" + String.join("\n", c.render()));
    }
    if (!PolicyRenderer.sameMeaning(policy, c.policy())) {
      throw new AssertionError(name + " changed meaning through\n" + text);
    }
  }
}
