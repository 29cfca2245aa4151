package dev.warden.cli;

import dev.warden.importer.ImportResult;
import dev.warden.importer.openfga.OpenFgaModelImporter;
import dev.warden.importer.spicedb.SpiceDbSchemaImporter;
import dev.warden.lang.Formatting;
import dev.warden.lang.PolicyFormatter;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden model ...}: authorization models written for other engines. */
@Command(
    name = "model",
    mixinStandardHelpOptions = true,
    description = "Work with authorization models written for other engines.",
    subcommands = {ModelCommand.Import.class})
final class ModelCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** The engines whose models can be imported, each with its importer. */
  enum Source {
    OPENFGA,
    SPICEDB;

    ImportResult importFile(SourceFile source) {
      return switch (this) {
        case OPENFGA -> OpenFgaModelImporter.importModel(source);
        case SPICEDB -> SpiceDbSchemaImporter.importSchema(source);
      };
    }
  }

  /**
   * {@code warden model import --from openfga|spicedb FILE [--out FILE]}: prints (or writes) the
   * Warden policy of an OpenFGA model or SpiceDB schema, or every reason it cannot be carried over
   * (docs/import.md).
   */
  @Command(
      name = "import",
      mixinStandardHelpOptions = true,
      description = {
        "Translates an OpenFGA model (DSL, schema 1.1) or a SpiceDB schema into a formatted"
            + " Warden policy.",
        "Exit status: 0 imported; 2 the file cannot be read or holds what Warden cannot express"
            + " (each reason is printed with its line)."
      })
  static final class Import implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "ENGINE",
        description = "The model's language: ${COMPLETION-CANDIDATES}.")
    Source from;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the policy here.")
    Path outFile;

    @Parameters(paramLabel = "FILE", description = "The model file (*.fga, *.zed).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        return run(out, err);
      } finally {
        out.flush();
        err.flush();
      }
    }

    private int run(PrintWriter out, PrintWriter err) {
      Optional<SourceFile> read = PolicyFiles.readOrReport(file, err);
      if (read.isEmpty()) {
        return 2;
      }
      SourceFile source = read.get();
      ImportResult r = from.importFile(source);
      if (!r.ok()) {
        PolicyFiles.printDiagnostics(r.render(), err);
        err.println("error: `" + file + "` was not imported");
        return 2;
      }
      String text = PolicyRenderer.render(r.policy());
      Formatting f = PolicyFormatter.format(new SourceFile(file + ".warden", text));
      String formatted = f.ok() ? f.text() : text;
      if (outFile == null) {
        out.print(formatted);
        return 0;
      }
      try {
        Files.writeString(outFile, formatted, StandardCharsets.UTF_8);
      } catch (IOException e) {
        err.println("error: cannot write `" + outFile + "`: " + e.getMessage());
        return 2;
      }
      out.println("imported: " + file + " -> " + outFile);
      return 0;
    }
  }
}
