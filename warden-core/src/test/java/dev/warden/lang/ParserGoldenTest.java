package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Parses every {@code src/test/resources/lang/golden/*.warden} and compares the dump of the tree
 * and the syntax diagnostics with the {@code .expected} file beside it. Run with {@code
 * -Dwarden.golden.update=true} to rewrite the expected files, then review the diff.
 */
class ParserGoldenTest {

  private static final boolean UPDATE = Boolean.getBoolean("warden.golden.update");

  @TestFactory
  Stream<DynamicTest> parseOutputMatchesGoldenFiles() {
    return TestPolicies.goldenInputs().stream()
        .map(source -> DynamicTest.dynamicTest(source.name(), () -> check(source)));
  }

  private static void check(SourceFile source) throws IOException {
    String actual = AstDump.dump(source);
    Path expected = TestPolicies.GOLDEN.resolve(source.name().replace(".warden", ".expected"));
    if (UPDATE) {
      Files.writeString(expected, actual, StandardCharsets.UTF_8);
    }
    assertThat(expected).as("golden file (run with -Dwarden.golden.update=true)").exists();
    assertThat(actual).isEqualTo(Files.readString(expected, StandardCharsets.UTF_8));
  }
}
