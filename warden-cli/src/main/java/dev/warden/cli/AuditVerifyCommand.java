package dev.warden.cli;

import dev.warden.audit.AuditStore;
import dev.warden.audit.ChainBreak;
import dev.warden.audit.VerifyReport;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code warden audit verify}: checks the hash chain and says where it breaks. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Verifies the audit log's hash chain: finds any edited, deleted, reordered or truncated"
          + " entry and prints the first one.",
      "Exit status: 0 intact, 1 broken, 2 usage error or no audit log there."
    })
final class AuditVerifyCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin AuditSource source;

  @Override
  public Integer call() {
    try (AuditStore store = AuditStore.openExisting(source.database())) {
      VerifyReport report = store.verify();
      if (report.intact()) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "ok: "
                + report.checked()
                + (report.checked() == 1 ? " entry" : " entries")
                + " verified; head "
                + report.headSeq()
                + " "
                + report.headHash());
        out.flush();
        return 0;
      }
      ChainBreak b = report.firstBreak().orElseThrow();
      PrintWriter err = spec.commandLine().getErr();
      err.println("broken: entry " + b.seq() + ": " + b.kind().label());
      err.println("  " + b.detail());
      err.println(
          "  entries 1.."
              + report.checked()
              + " verify; the head checkpoint is "
              + report.headSeq());
      err.flush();
      return 1;
    }
  }
}
