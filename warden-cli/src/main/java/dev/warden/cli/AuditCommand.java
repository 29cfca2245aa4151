package dev.warden.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warden audit}: the decision audit log. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Verify and export the tamper-evident decision audit log.",
    subcommands = {AuditVerifyCommand.class, AuditExportCommand.class})
final class AuditCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
