package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelImportCommandTest {

  private static final String MODEL =
      """
      model
        schema 1.1
      type user
      type folder
        relations
          define viewer: [user]
      type doc
        relations
          define parent: [folder]
          define owner: [user]
          define viewer: [user, user:*] or owner or viewer from parent
      """;

  @TempDir Path dir;

  private Path write(String text) throws IOException {
    return Files.writeString(dir.resolve("model.fga"), text, StandardCharsets.UTF_8);
  }

  @Test
  void printsTheFormattedWardenPolicy() throws IOException {
    CliRun run = CliRun.of("model", "import", "--from", "openfga", write(MODEL).toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .contains("actor User {}")
        .contains("resource Doc {")
        .contains("\"viewer\" if \"viewer\" on \"parent\";");
    assertThat(PolicyCompiler.compile(new SourceFile("out.warden", run.out())).hasErrors())
        .isFalse();
  }

  @Test
  void writesTheOutFile() throws IOException {
    Path out = dir.resolve("policy.warden");
    CliRun run =
        CliRun.of(
            "model",
            "import",
            "--from",
            "openfga",
            write(MODEL).toString(),
            "--out",
            out.toString());
    assertThat(run.status()).isZero();
    assertThat(Files.readString(out, StandardCharsets.UTF_8)).contains("resource Folder {");
  }

  @Test
  void refusalsArePrintedWithTheirLineAndExitTwo() throws IOException {
    Path file = write(MODEL.replace("define owner: [user]", "define owner: [user with x]"));
    CliRun run = CliRun.of("model", "import", "--from", "openfga", file.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err())
        .contains(file + ":10:20: error[P306]: unknown condition `x`")
        .contains("define owner: [user with x]")
        .contains("^^^^")
        .contains("was not imported");
  }

  @Test
  void anUnknownSourceIsAUsageError() throws IOException {
    CliRun run = CliRun.of("model", "import", "--from", "spicedb", write(MODEL).toString());
    assertThat(run.status()).isEqualTo(2);
  }

  @Test
  void importsASpiceDbSchemaThroughTheSamePath() throws IOException {
    Path zed =
        Files.writeString(
            dir.resolve("schema.zed"),
            """
            definition user {}
            definition folder {
              relation viewer: user
            }
            definition doc {
              relation parent: folder
              relation owner: user
              permission view = owner + parent->viewer
            }
            """,
            StandardCharsets.UTF_8);
    CliRun run = CliRun.of("model", "import", "--from", "spicedb", zed.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out()).contains("actor User {}").contains("\"viewer\" on \"parent\"");
    assertThat(PolicyCompiler.compile(new SourceFile("out.warden", run.out())).hasErrors())
        .isFalse();
  }

  @Test
  void refusesASpiceDbSchemaWithItsPlace() throws IOException {
    Path zed =
        Files.writeString(
            dir.resolve("schema.zed"),
            "definition user {}\ndefinition doc {\n  relation v: user with expiration\n}\n",
            StandardCharsets.UTF_8);
    CliRun run = CliRun.of("model", "import", "--from", "spicedb", zed.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("schema.zed:3:20: error[SDB202]").contains("was not imported");
  }
}
