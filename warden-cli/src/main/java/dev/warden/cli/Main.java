package dev.warden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code warden} command. Subcommands live one per file beside this class. */
@Command(
    name = "warden",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Warden: authorization engine and policy decision point.",
    subcommands = {
      ServeCommand.class,
      KeysCommand.class,
      CheckCommand.class,
      ValidateCommand.class,
      FmtCommand.class,
      ImportCommand.class,
      ExportCommand.class,
      BackupCommand.class,
      PolicyCommand.class,
      ModelCommand.class,
      DemoElsewhereCommand.class,
      AuditCommand.class,
      TestCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** Runs the CLI and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the CLI and returns its exit status (0 ok, 1 denied or invalid, 2 usage error). */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  /**
   * The configured command line. Each of {@code replacements} (a picocli command object) takes the
   * place of the subcommand of the same name: warden-demo passes its {@code demo} command this way,
   * so the demo jar runs every command while this jar carries no demo dependencies.
   */
  public static CommandLine commandLine(Object... replacements) {
    CommandLine cli = new CommandLine(new Main());
    for (Object command : replacements) {
      CommandLine sub = new CommandLine(command);
      cli.getCommandSpec().removeSubcommand(sub.getCommandName());
      cli.addSubcommand(sub);
    }
    // Applied after the replacements: picocli sets these on the subcommands present at the call.
    return cli.setCaseInsensitiveEnumValuesAllowed(true)
        .setExecutionExceptionHandler(new Errors())
        .setExitCodeExceptionMapper(e -> Errors.INVALID);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
