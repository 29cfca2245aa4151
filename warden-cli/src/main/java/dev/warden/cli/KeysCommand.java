package dev.warden.cli;

import dev.warden.server.auth.KeyFile;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code warden keys create}: a new API key, printed once; only its hash is stored. */
@Command(
    name = "keys",
    mixinStandardHelpOptions = true,
    description = "Manages the server's API keys.",
    subcommands = {KeysCommand.Create.class})
final class KeysCommand implements Runnable {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description = {
        "Creates an API key and prints it once; the key file keeps only its SHA-256.",
        "A running server reads the key file at start: restart it to accept the new key."
      })
  static final class Create implements Callable<Integer> {

    @Spec picocli.CommandLine.Model.CommandSpec spec;

    @Option(
        names = "--scope",
        split = ",",
        required = true,
        description =
            "check, write, admin and/or clock (comma-separated); clock lets the key send context.now and is not implied by admin.")
    List<String> scopes;

    @Option(names = "--tenant", description = "Bind the key to one tenant.")
    String tenant;

    @Option(
        names = "--keys-file",
        defaultValue = ".warden/keys.yaml",
        description = "The key file (default ${DEFAULT-VALUE}).")
    Path keysFile;

    @Override
    public Integer call() throws IOException {
      Set<Scope> parsed = EnumSet.noneOf(Scope.class);
      for (String s : scopes) {
        try {
          parsed.add(Scope.parse(s));
        } catch (IllegalArgumentException e) {
          throw new picocli.CommandLine.ParameterException(
              spec.commandLine(), e.getMessage(), e, null, s);
        }
      }
      KeyMaterial.Created created = KeyMaterial.create(parsed, tenant);
      KeyFile.append(keysFile, created.stored());
      PrintWriter out = spec.commandLine().getOut();
      out.println(created.text());
      out.flush();
      spec.commandLine()
          .getErr()
          .println(
              "key "
                  + created.stored().id()
                  + " stored in "
                  + keysFile
                  + "; the key above is not stored anywhere: keep it now");
      return 0;
    }
  }
}
