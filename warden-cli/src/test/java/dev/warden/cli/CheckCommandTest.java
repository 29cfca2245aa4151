package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CheckCommandTest {

  static final String POLICY = "../examples/quickstart/policy.warden";
  static final String DATA = "../examples/quickstart/grants.yaml";

  @Test
  void theReadmeCommandAllowsLarryToReadGmail() {
    CliRun r =
        CliRun.of(
            "check", "--policy", POLICY, "--data", DATA, "User:larry", "read", "Repository:gmail");
    assertThat(r.out()).isEqualTo("allowed\n");
    assertThat(r.status()).isZero();
  }

  @Test
  void aDenialExitsOneAndExplainsEveryBranch() {
    CliRun r =
        CliRun.of(
            "check",
            "--policy",
            POLICY,
            "--data",
            DATA,
            "--explain",
            "User:anne",
            "delete",
            "Repository:react");
    assertThat(r.status()).isEqualTo(1);
    assertThat(r.out())
        .isEqualTo(
            """
            denied
            ✗ Repository:react#delete
              ✗ "delete" if "admin"
                ✗ Repository:react#admin
                  ✗ grants of Repository:react#admin — no grant reaches User:anne
            """);
  }

  @Test
  void anUnknownActionIsInvalidInputWithASuggestion() {
    CliRun r = CliRun.of("check", "--policy", POLICY, "User:larry", "reed", "Repository:gmail");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: `Repository` has no permission, role or relation `reed`; did you mean `read`?\n");
  }

  @Test
  void aGrantThePolicyDoesNotAllowIsRejected(@TempDir Path dir) throws IOException {
    Path data = dir.resolve("bad.yaml");
    Files.writeString(data, "grants:\n  - Repository:gmail#read@User:larry\n");
    CliRun r =
        CliRun.of(
            "check",
            "--policy",
            POLICY,
            "--data",
            data.toString(),
            "User:larry",
            "read",
            "Repository:gmail");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo(
            "error: grant `Repository:gmail#read@User:larry`: `read` is a permission of `Repository`;"
                + " permissions are computed by rules and cannot be granted, grant a role instead\n");
  }
}
