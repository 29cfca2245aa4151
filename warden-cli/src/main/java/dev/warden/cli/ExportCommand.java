package dev.warden.cli;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import dev.warden.cli.io.DataFileWriter;
import dev.warden.cli.io.DataFormat;
import dev.warden.store.SnapshotVisitor;
import dev.warden.store.TupleStore;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden export [FILE]}: every grant and attribute of a store, streamed to a data file or to
 * standard output, as one consistent snapshot. The output imports back with {@code warden import}.
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Exports every grant and attribute of a store to a data file, or to standard output.",
      "The format follows the file's extension; --format overrides it (JSONL on standard output)."
    })
final class ExportCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(names = "--format", description = "yaml, json or jsonl.")
  String format;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "Where to write; standard output when absent or `-`.")
  String output;

  @Override
  public Integer call() {
    boolean toStdout = output == null || output.equals("-");
    DataFormat f = format(toStdout);
    long[] counts = new long[2];
    long revision;
    try (TupleStore source = store.openExisting();
        OutputStream stream = open(toStdout);
        DataFileWriter writer = new DataFileWriter(stream, f)) {
      revision =
          source.scan(
              new SnapshotVisitor() {
                @Override
                public void grant(Grant g) {
                  writer.grant(g);
                  counts[0]++;
                }

                @Override
                public void attributes(EntityRef entity, Map<String, Object> values) {
                  writer.attributes(entity, values);
                  counts[1]++;
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write `" + output + "`: " + e.getMessage(), e);
    }
    var err = spec.commandLine().getErr();
    err.printf(
        "exported %d grants and %d attribute sets at revision %d%n",
        counts[0], counts[1], revision);
    err.flush();
    return 0;
  }

  private DataFormat format(boolean toStdout) {
    if (format != null) {
      try {
        return DataFormat.valueOf(format.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw WardenException.invalid(
            "--format `" + format + "` is not one of `yaml`, `json`, `jsonl`");
      }
    }
    return toStdout ? DataFormat.JSONL : DataFormat.of(Path.of(output));
  }

  private OutputStream open(boolean toStdout) throws IOException {
    if (toStdout) {
      // Not closed with the writer: standard output outlives the command.
      return new BufferedOutputStream(
          new java.io.FilterOutputStream(System.out) {
            @Override
            public void close() throws IOException {
              flush();
            }
          });
    }
    return new BufferedOutputStream(Files.newOutputStream(Path.of(output)));
  }
}
