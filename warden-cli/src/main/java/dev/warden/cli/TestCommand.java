package dev.warden.cli;

import dev.warden.api.WardenException;
import dev.warden.cli.testing.JUnitReport;
import dev.warden.cli.testing.Outcome;
import dev.warden.cli.testing.SuiteResult;
import dev.warden.cli.testing.SuiteRunner;
import dev.warden.cli.testing.TestSuiteReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden test FILE...}: runs policy test files (docs/testing.md) against the engine. */
@Command(
    name = "test",
    mixinStandardHelpOptions = true,
    description = {
      "Runs policy tests: checks and lookups with the answers they must give, against a policy and"
          + " grants loaded into memory.",
      "Exit status: 0 every assertion held, 1 some failed, 2 a malformed test file or policy."
    })
final class TestCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Test files (YAML or JSON).")
  List<Path> files;

  @Option(names = "--junit", paramLabel = "FILE", description = "Also write JUnit XML here.")
  Path junit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SuiteResult> results = new ArrayList<>();
    List<JUnitReport.Malformed> malformed = new ArrayList<>();
    for (Path file : files) {
      try {
        SuiteResult r = SuiteRunner.run(TestSuiteReader.forFile(file).read(file));
        results.add(r);
        print(r, out);
      } catch (WardenException e) {
        List<String> details = e.details().stream().filter(d -> !d.equals(e.getMessage())).toList();
        err.println("error: " + e.getMessage());
        PolicyFiles.printDiagnostics(details, err);
        String all = String.join("\n", details);
        malformed.add(new JUnitReport.Malformed(file, (e.getMessage() + "\n" + all).strip()));
      } catch (UncheckedIOException e) {
        err.println("error: " + e.getMessage());
        malformed.add(new JUnitReport.Malformed(file, e.getMessage()));
      }
    }
    long passed = results.stream().mapToLong(SuiteResult::passed).sum();
    long failed = results.stream().mapToLong(SuiteResult::failed).sum();
    out.println(passed + " passed, " + failed + " failed");
    out.flush();
    err.flush();
    if (junit != null) {
      JUnitReport.write(junit, results, malformed);
    }
    if (!malformed.isEmpty()) {
      return Errors.INVALID;
    }
    return failed == 0 ? 0 : 1;
  }

  private static void print(SuiteResult r, PrintWriter out) {
    for (Outcome o : r.outcomes()) {
      if (o.passed()) {
        continue;
      }
      out.println(o.message());
      o.explanation().lines().forEach(line -> out.println("    " + line));
    }
  }
}
