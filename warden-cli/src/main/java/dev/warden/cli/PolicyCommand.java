package dev.warden.cli;

import dev.warden.Warden;
import dev.warden.lang.Compilation;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.store.PolicyStore;
import dev.warden.store.PolicyVersion;
import dev.warden.store.TupleStore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code warden policy ...}: the policy versions kept in a store. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Manage the policy versions kept in a store.",
    subcommands = {PolicyCommand.Push.class})
final class PolicyCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * {@code warden policy push FILE}: validates a policy file, shows what it changes against the
   * store's active policy, and activates it as a new version. A server started with {@code
   * --policy} keeps the store's active version over the file; this is how an edited file becomes
   * active.
   */
  @Command(
      name = "push",
      mixinStandardHelpOptions = true,
      description = {
        "Validates a policy file, prints what it changes (types, relations, attributes,"
            + " conditions) against the store's active policy, and activates it as a new version.",
        "Exit status: 0 activated, unchanged or --dry-run; 1 invalid policy; 2 refused. Nothing"
            + " changes unless it is activated."
      })
  static final class Push implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Mixin StoreOptions store = new StoreOptions();

    @Option(names = "--dry-run", description = "Validate and show the changes; activate nothing.")
    boolean dryRun;

    @Parameters(index = "0", paramLabel = "FILE", description = "The policy file (*.warden).")
    Path file;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      SourceFile source = PolicyFiles.read(file);
      Compilation c = PolicyCompiler.compile(source);
      PolicyFiles.printDiagnostics(c.render(), err);
      if (c.hasErrors()) {
        long n = c.errorCount();
        err.println(
            "error: `"
                + file
                + "` has "
                + n
                + (n == 1 ? " error" : " errors")
                + "; nothing was activated");
        err.flush();
        return 1;
      }
      Policy policy = c.policyOrThrow();
      Warden.requireActivatable(policy);
      try (TupleStore target = store.openExisting()) {
        PolicyStore policies = PolicyStore.of(target);
        Optional<PolicyVersion> active = policies.activePolicy();
        if (active.isPresent() && active.get().source().equals(source.text())) {
          out.println(
              "`"
                  + file
                  + "` is the active policy already (version "
                  + active.get().version()
                  + "); nothing changed");
          out.flush();
          return 0;
        }
        Policy before =
            active
                .map(
                    v ->
                        PolicyCompiler.compile(
                                new SourceFile("policy version " + v.version(), v.source()))
                            .policyOrThrow())
                .orElse(null);
        List<String> diff = PolicyDiff.of(before, policy);
        out.println(
            active
                .map(v -> "changes against the active policy (version " + v.version() + "):")
                .orElse("the store has no active policy; everything is new:"));
        if (diff.isEmpty()) {
          out.println(
              "  none in types, relations, attributes or conditions (only the text differs)");
        }
        diff.forEach(line -> out.println("  " + line));
        if (dryRun) {
          out.println("--dry-run: nothing was activated");
        } else {
          PolicyVersion saved = policies.savePolicy(source.text(), true);
          out.println(
              "activated `"
                  + file
                  + "` as version "
                  + saved.version()
                  + " at revision "
                  + target.revision()
                  + "; every running server over this store enforces it from that revision");
        }
        out.flush();
        return 0;
      }
    }
  }
}
