package dev.warden.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.cli.Main;
import org.junit.jupiter.api.Test;

/** The demo jar is the whole CLI plus the demos: every lean command, and the real {@code demo}. */
class DemoMainTest {

  @Test
  void keepsEveryCommandOfTheLeanCli() {
    assertThat(DemoMain.commandLine().getSubcommands().keySet())
        .containsExactlyInAnyOrderElementsOf(Main.commandLine().getSubcommands().keySet());
  }

  @Test
  void demoIsTheRealCommand() {
    Object demo = DemoMain.commandLine().getSubcommands().get("demo").getCommand();
    assertThat(demo).isInstanceOf(DemoCommand.class);
  }

  @Test
  void otherCommandsStillRun() {
    CliRun r =
        CliRun.of(
            "check",
            "--policy",
            "../examples/quickstart/policy.warden",
            "--data",
            "../examples/quickstart/grants.yaml",
            "User:larry",
            "read",
            "Repository:gmail");
    assertThat(r.status()).isZero();
    assertThat(r.out()).isEqualTo("allowed\n");
  }
}
