package dev.warden.cli;

import picocli.CommandLine.IVersionProvider;

/** Reports the version recorded in the jar manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Main.class.getPackage().getImplementationVersion();
    return new String[] {"warden " + (v == null ? "(development build)" : v)};
  }
}
