package dev.warden.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Unmatched;

/**
 * {@code warden demo} in the lean jar: the demos need an embedding model and the ONNX runtime for
 * every platform (about 100 MB), so they ship in warden-demo's jar, and this command says where
 * instead of failing as an unknown command. The demo jar replaces it with the real one.
 */
@Command(
    name = "demo",
    description =
        "Runnable demos (agent, rag, token, webapp); they ship in warden-demo/target/warden-demo.jar,"
            + " which ./warden demo builds and runs.")
final class DemoElsewhereCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  /** Whatever follows {@code demo}; accepted so that the hint, not a usage error, is printed. */
  @Unmatched List<String> ignored = new ArrayList<>();

  @Override
  public Integer call() {
    var err = spec.commandLine().getErr();
    err.println(
        "error: this jar carries no demos; run them with ./warden demo ... from the repository, or"
            + " java -jar warden-demo/target/warden-demo.jar demo ...");
    err.flush();
    return Errors.INVALID;
  }
}
