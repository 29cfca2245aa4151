package dev.warden.cli;

import dev.warden.api.WardenException;
import dev.warden.audit.AuditStore;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden audit export}: the log as JSON Lines on standard output. */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Writes audit entries as JSON Lines to standard output, oldest first: each line is the"
          + " entry's canonical form with prev_hash and hash appended.",
      "Exit status: 0 written, 2 usage error or no audit log there."
    })
final class AuditExportCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin AuditSource source;

  @Option(
      names = "--from",
      paramLabel = "TIME",
      description = "Only entries at or after this instant (ISO-8601, e.g. 2026-12-01T00:00:00Z).")
  String from;

  @Option(names = "--to", paramLabel = "TIME", description = "Only entries before this instant.")
  String to;

  @Override
  public Integer call() {
    Instant fromTime = instant("--from", from);
    Instant toTime = instant("--to", to);
    if (fromTime != null && toTime != null && !fromTime.isBefore(toTime)) {
      throw WardenException.invalid("`--from` " + from + " is not before `--to` " + to);
    }
    try (AuditStore store = AuditStore.openExisting(source.database())) {
      // picocli's standard output writer is buffered; export flushes it at the end
      store.export(fromTime, toTime, spec.commandLine().getOut());
    }
    return 0;
  }

  private static Instant instant(String option, String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      throw WardenException.invalid(
          "`" + option + "` `" + text + "` is not an instant: write e.g. 2026-12-01T00:00:00Z");
    }
  }
}
