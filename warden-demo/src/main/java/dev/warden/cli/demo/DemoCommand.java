package dev.warden.cli.demo;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code warden demo}: the agent, RAG, token and web-app demos. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Runnable demos: an authorized agent, permission-filtered RAG, a web app.",
    subcommands = {
      AgentDemoCommand.class,
      RagDemoCommand.class,
      TokenCommand.class,
      WebAppCommand.class
    })
public final class DemoCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
