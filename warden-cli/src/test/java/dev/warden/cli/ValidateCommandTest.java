package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void cleanPoliciesPrintOkAndExitZero() throws IOException {
    Path quickstart = Path.of("..", "examples", "quickstart", "policy.warden");
    Path full = Path.of("..", "examples", "full", "policy.warden");
    CliRun run = CliRun.of("validate", quickstart.toString(), full.toString());
    assertThat(run.status()).isZero();
    assertThat(run.out()).isEqualTo("ok: " + quickstart + "\nok: " + full + "\n");
    assertThat(run.err()).isEmpty();
  }

  @Test
  void everyProblemGoesToStandardErrorAndTheExitIsOne() throws IOException {
    Path bad =
        write(
            "bad.warden",
            """
            actor User {}
            resource Doc {
              roles = ["viewer"];
              "viewer" if "veiwer";
              "viewr" if "viewer";
            }
            """);
    Path good = write("good.warden", "actor User {}\n");
    CliRun run = CliRun.of("validate", bad.toString(), good.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.out()).isEqualTo("ok: " + good + "\n");
    assertThat(run.err())
        .isEqualTo(
            """
            error[P302]: unknown role or permission `veiwer` on `Doc`
             --> %1$s:4:15
              |
            4 |   "viewer" if "veiwer";
              |               ^^^^^^^^
              = hint: did you mean `viewer`?

            error[P302]: unknown role or permission `viewr` on `Doc`
             --> %1$s:5:3
              |
            5 |   "viewr" if "viewer";
              |   ^^^^^^^
              = hint: did you mean `viewer`?

            error: `%1$s` has 2 errors
            """
                .formatted(bad));
  }

  @Test
  void aMissingFileIsReported() {
    CliRun run = CliRun.of("validate", dir.resolve("nope.warden").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("cannot read").contains("no such file");
  }

  @Test
  void aFileIsRequired() {
    CliRun run = CliRun.of("validate");
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("Missing required parameter");
  }
}
