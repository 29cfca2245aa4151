package dev.warden.cli;

import dev.warden.api.WardenException;
import java.io.PrintWriter;
import picocli.CommandLine;

/**
 * Turns errors into one precise message on stderr and an exit status, instead of a stack trace:
 * {@value #INVALID} for bad input (a policy, data file or request that is wrong), {@value #FAILURE}
 * for anything else.
 */
final class Errors implements CommandLine.IExecutionExceptionHandler {

  /** Exit status for input Warden rejected. */
  static final int INVALID = 2;

  /** Exit status for an unexpected failure. */
  static final int FAILURE = 3;

  @Override
  public int handleExecutionException(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) {
    PrintWriter err = commandLine.getErr();
    if (e instanceof WardenException w) {
      err.println("error: " + w.getMessage());
      w.details().stream().filter(d -> !d.equals(w.getMessage())).forEach(err::println);
      err.flush();
      return INVALID;
    }
    if (e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
      err.println("error: " + e.getMessage());
      err.flush();
      return INVALID;
    }
    err.println("error: unexpected failure: " + e);
    err.flush();
    return FAILURE;
  }
}
