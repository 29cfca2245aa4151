package dev.warden.cli;

import dev.warden.lang.DiagnosticRenderer;
import dev.warden.lang.Formatting;
import dev.warden.lang.PolicyFormatter;
import dev.warden.lang.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden fmt FILE...}: prints policies in the canonical layout, rewrites them in place
 * ({@code --write}), or checks that they already are ({@code --check}). A file that does not parse
 * is never touched: its syntax errors are reported instead.
 */
@Command(
    name = "fmt",
    description = "Print policy files in the canonical layout.",
    mixinStandardHelpOptions = true)
final class FmtCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ArgGroup(exclusive = true)
  Mode mode = new Mode();

  /** At most one of the two ways not to print. */
  static final class Mode {
    @Option(names = "--write", description = "Rewrite each file in place (only if it parses).")
    boolean write;

    @Option(names = "--check", description = "Exit with 1 when a file is not formatted.")
    boolean check;
  }

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Policy files (*.warden).")
  List<Path> files;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int status = 0;
    for (Path file : files) {
      status = Math.max(status, format(file, out, err));
    }
    out.flush();
    err.flush();
    return status;
  }

  private int format(Path file, PrintWriter out, PrintWriter err) {
    Optional<SourceFile> read = PolicyFiles.readOrReport(file, err);
    if (read.isEmpty()) {
      return 2;
    }
    SourceFile source = read.get();
    Formatting f = PolicyFormatter.format(source);
    if (!f.ok()) {
      PolicyFiles.printDiagnostics(DiagnosticRenderer.renderAll(source, f.syntaxErrors()), err);
      err.println("error: `" + file + "` does not parse, so it was not formatted");
      return 1;
    }
    boolean changed = !f.text().equals(source.text());
    if (mode.check) {
      if (changed) {
        err.println("not formatted: " + file);
        return 1;
      }
      return 0;
    }
    if (mode.write) {
      return changed ? write(file, f.text(), out, err) : 0;
    }
    out.print(f.text());
    return 0;
  }

  private static int write(Path file, String text, PrintWriter out, PrintWriter err) {
    try {
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      err.println("error: cannot write `" + file + "`: " + e.getMessage());
      return 2;
    }
    out.println("formatted: " + file);
    return 0;
  }
}
