package dev.warden.cli;

import dev.warden.Warden;
import dev.warden.api.Mutation;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.cli.io.DataFileReader;
import dev.warden.cli.io.DataRecord;
import dev.warden.engine.WriteValidator;
import dev.warden.lang.PolicyCompiler;
import dev.warden.store.PolicyStore;
import dev.warden.store.TupleStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code warden import FILE}: grants and attributes from a data file into a store, streaming.
 *
 * <p>Two passes over the file: the first parses every record and checks it against the store's
 * active policy (and the {@code --policy} file, when given) without writing anything, so bad input
 * changes nothing; the second writes batches of {@code --batch-size} mutations, each atomically
 * with its own revision. Neither pass holds more than one batch in memory. Grants are touched, so
 * importing a file again is harmless.
 */
@Command(
    name = "import",
    mixinStandardHelpOptions = true,
    description = {
      "Imports grants and attributes from a data file (YAML, JSON or JSONL) into a store, or"
          + " with --from the tuples of OpenFGA or relationships of SpiceDB.",
      "Every record is checked against the store's active policy (and --policy, when given)"
          + " before anything is written.",
      "Exit status: 0 imported, 2 invalid input (nothing written)."
    })
final class ImportCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Mixin StoreOptions store = new StoreOptions();

  @Option(
      names = "--policy",
      paramLabel = "FILE",
      description =
          "Also check every record against this policy (the store's active policy is always"
              + " checked; this one is needed for a store that has none yet).")
  Path policy;

  @Option(
      names = "--batch-size",
      description = "Mutations per write (default: ${DEFAULT-VALUE}).",
      defaultValue = "5000")
  int batchSize;

  @Option(
      names = "--from",
      paramLabel = "ENGINE",
      description =
          "Read another engine's relationships instead of a Warden data file:"
              + " ${COMPLETION-CANDIDATES} (OpenFGA JSON or YAML tuples, SpiceDB relationship"
              + " lines). Written in one batch, or not at all; --batch-size does not apply.")
  ModelCommand.Source from;

  @Parameters(index = "0", paramLabel = "FILE", description = "The data file to import.")
  Path file;

  @Override
  public Integer call() {
    if (from != null) {
      PrintWriter out = spec.commandLine().getOut();
      PrintWriter err = spec.commandLine().getErr();
      try {
        return new ForeignImport(from, file, out, err).run(store, policy);
      } finally {
        out.flush();
        err.flush();
      }
    }
    if (batchSize < 1) {
      throw WardenException.invalid("--batch-size must be at least 1");
    }
    WriteValidator fromFile = policy == null ? null : validator(policy);
    long started = System.nanoTime();
    Counts written = new Counts();
    Counts checked = new Counts();
    // A store file that does not exist yet has no policy of its own: check the data before
    // creating it, so bad input leaves no empty store behind.
    boolean newFile = store.sqliteFile() != null && !Files.exists(store.sqliteFile());
    if (newFile) {
      forEachBatch(batch -> checked.add(fromFile == null ? batch : fromFile.validate(batch)));
    }
    try (TupleStore target = store.open()) {
      UnaryOperator<WriteBatch> valid = validation(fromFile, target);
      if (!newFile) {
        forEachBatch(batch -> checked.add(valid.apply(batch)));
      }
      forEachBatch(
          batch -> {
            WriteBatch checkedBatch = valid.apply(batch);
            written.revision = target.write(checkedBatch);
            written.add(checkedBatch);
          });
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    PrintWriter out = spec.commandLine().getOut();
    out.printf(
        "imported %d grants and %d attribute sets in %d batches (revision %d, %.1f s)%n",
        written.grants, written.attributes, written.batches, written.revision, seconds);
    out.flush();
    return 0;
  }

  /**
   * What every batch must pass: the {@code --policy} file when given, and always the store's active
   * policy, which the live engine enforces; a grant it rejects would sit in the store as data its
   * own policy ignores. A store with no active policy yet can only be checked against the file;
   * with neither, records are checked for shape only, and the command says so.
   */
  private UnaryOperator<WriteBatch> validation(WriteValidator fromFile, TupleStore target) {
    PolicyStore policies = PolicyStore.of(target);
    var active = policies.activePolicy();
    if (active.isEmpty()) {
      if (fromFile == null) {
        PrintWriter err = spec.commandLine().getErr();
        err.println(
            "warning: the store has no active policy and no --policy was given: records are"
                + " checked for shape only");
        err.flush();
        return batch -> batch;
      }
      return fromFile::validate;
    }
    WriteValidator fromStore = Warden.storeValidator(policies);
    long version = active.get().version();
    return batch -> {
      WriteBatch b = fromFile == null ? batch : fromFile.validate(batch);
      try {
        return fromStore.validate(b);
      } catch (WardenException e) {
        throw new WardenException(
            e.code(),
            "the store's active policy (version "
                + version
                + ") rejects the data, so nothing was imported: "
                + e.getMessage(),
            e.details(),
            e);
      }
    };
  }

  /** Streams the file as batches of at most {@code batchSize} mutations. */
  private void forEachBatch(Consumer<WriteBatch> sink) {
    List<Mutation> pending = new ArrayList<>(Math.min(batchSize, 65_536));
    DataFileReader.read(
        file,
        r -> {
          if (r instanceof DataRecord.GrantRecord g) {
            pending.add(new Mutation.Touch(g.grant()));
          } else if (r instanceof DataRecord.AttributesRecord a) {
            pending.add(new Mutation.SetAttributes(a.entity(), a.attributes()));
          }
          if (pending.size() == batchSize) {
            sink.accept(new WriteBatch(pending, List.of()));
            pending.clear();
          }
        });
    if (!pending.isEmpty()) {
      sink.accept(new WriteBatch(pending, List.of()));
    }
  }

  static WriteValidator validator(Path policyFile) {
    return WriteValidator.forPolicy(
        PolicyCompiler.compile(PolicyFiles.read(policyFile)).policyOrThrow());
  }

  /** What a pass saw. */
  private static final class Counts {
    long grants;
    long attributes;
    long batches;
    long revision;

    void add(WriteBatch b) {
      batches++;
      for (Mutation m : b.mutations()) {
        if (m instanceof Mutation.SetAttributes) {
          attributes++;
        } else {
          grants++;
        }
      }
    }
  }
}
