package dev.warden.cli;

import dev.warden.lang.Compilation;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden validate FILE...}: compiles policies and reports every problem. */
@Command(
    name = "validate",
    description = "Check policy files and report every problem with its location.",
    mixinStandardHelpOptions = true)
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files (*.warden).")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = 0;
    for (Path file : files) {
      status = Math.max(status, validate(file, out, err));
    }
    out.flush();
    err.flush();
    return status;
  }

  private static int validate(Path file, PrintWriter out, PrintWriter err) {
    Optional<SourceFile> read = PolicyFiles.readOrReport(file, err);
    if (read.isEmpty()) {
      return 2;
    }
    SourceFile source = read.get();
    Compilation c = PolicyCompiler.compile(source);
    PolicyFiles.printDiagnostics(c.render(), err);
    if (c.hasErrors()) {
      long n = c.errorCount();
      err.println("error: `" + file + "` has " + n + (n == 1 ? " error" : " errors"));
      return 1;
    }
    out.println("ok: " + file);
    return 0;
  }
}
