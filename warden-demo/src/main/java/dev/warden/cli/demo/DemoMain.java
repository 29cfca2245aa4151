package dev.warden.cli.demo;

import dev.warden.cli.Main;
import picocli.CommandLine;

/**
 * The demo jar's entry point: every {@code warden} command, with the real {@code demo} command in
 * place of the lean CLI's pointer to this jar.
 */
public final class DemoMain {

  private DemoMain() {}

  /** Runs the CLI with the demos and exits with its status. */
  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests that capture output. */
  static CommandLine commandLine() {
    return Main.commandLine(new DemoCommand());
  }
}
