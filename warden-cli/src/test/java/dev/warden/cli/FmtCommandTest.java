package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FmtCommandTest {

  private static final String MESSY =
      "actor   User{}\nresource Doc{roles=[\"a\"];\"a\" if \"a\" on \"p\";relations={p:Doc};}\n";
  private static final String CANONICAL =
      """
      actor User {}

      resource Doc {
        roles = ["a"];
        "a" if "a" on "p";
        relations = { p: Doc };
      }
      """;

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("policy.warden"), text, StandardCharsets.UTF_8);
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  @Test
  void printsTheCanonicalFormWithoutTouchingTheFile() throws IOException {
    Path file = write(MESSY);
    CliRun run = CliRun.of("fmt", file.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo(CANONICAL);
    assertThat(read(file)).isEqualTo(MESSY);
  }

  @Test
  void writeRewritesTheFileInPlace() throws IOException {
    Path file = write(MESSY);
    CliRun run = CliRun.of("fmt", "--write", file.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("formatted: " + file + "\n");
    assertThat(read(file)).isEqualTo(CANONICAL);

    CliRun again = CliRun.of("fmt", "--write", file.toString());
    assertThat(again.status()).isZero();
    assertThat(again.out()).isEmpty();
  }

  @Test
  void writeLeavesAFileThatDoesNotParseAlone() throws IOException {
    String broken = "actor User {\n  roles = [\"a\" \"b\"];\n}\n";
    Path file = write(broken);
    CliRun run = CliRun.of("fmt", "--write", file.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(read(file)).isEqualTo(broken);
    assertThat(run.err())
        .startsWith("error[P101]: expected `,` or `]`, found `\"b\"`\n")
        .endsWith("error: `" + file + "` does not parse, so it was not formatted\n");
  }

  @Test
  void checkFailsOnlyWhenNotFormatted() throws IOException {
    Path file = write(MESSY);
    CliRun messy = CliRun.of("fmt", "--check", file.toString());
    assertThat(messy.status()).isEqualTo(1);
    assertThat(messy.err()).isEqualTo("not formatted: " + file + "\n");
    assertThat(read(file)).isEqualTo(MESSY);

    write(CANONICAL);
    CliRun clean = CliRun.of("fmt", "--check", file.toString());
    assertThat(clean.status()).isZero();
    assertThat(clean.out()).isEmpty();
    assertThat(clean.err()).isEmpty();
  }

  @Test
  void theExamplesAreFormatted() {
    CliRun run =
        CliRun.of(
            "fmt",
            "--check",
            Path.of("..", "examples", "quickstart", "policy.warden").toString(),
            Path.of("..", "examples", "full", "policy.warden").toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
  }

  @Test
  void writeAndCheckExcludeEachOther() throws IOException {
    Path file = write(MESSY);
    CliRun run = CliRun.of("fmt", "--write", "--check", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("mutually exclusive");
    assertThat(read(file)).isEqualTo(MESSY);
  }
}
