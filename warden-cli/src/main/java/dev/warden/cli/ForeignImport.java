package dev.warden.cli;

import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.engine.WriteValidator;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.openfga.OpenFgaTuples;
import dev.warden.importer.openfga.TupleImport;
import dev.warden.importer.spicedb.SpiceDbRelationships;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import dev.warden.model.Policy;
import dev.warden.store.PolicyStore;
import dev.warden.store.PolicyVersion;
import dev.warden.store.TupleStore;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code warden import --from openfga|spicedb FILE}: OpenFGA tuple files (JSON or YAML) and SpiceDB
 * relationship lines, each tuple checked against the store's active policy (or {@code --policy} for
 * a store that has none yet), then written in one atomic batch: a file with any refused tuple
 * writes nothing, and a new store file is not even created.
 */
final class ForeignImport {

  private static final String FIT_HINT =
      "the relationship must fit the store's policy: check its types, relation and subject";

  private final ModelCommand.Source from;
  private final Path file;
  private final PrintWriter out;
  private final PrintWriter err;

  ForeignImport(ModelCommand.Source from, Path file, PrintWriter out, PrintWriter err) {
    this.from = from;
    this.file = file;
    this.out = out;
    this.err = err;
  }

  /** Imports into {@code store}; the exit status. */
  int run(StoreOptions store, Path policyFile) {
    Optional<SourceFile> read = PolicyFiles.readOrReport(file, err);
    if (read.isEmpty()) {
      return Errors.INVALID;
    }
    SourceFile source = read.get();
    Path sqlite = store.sqliteFile();
    if (sqlite != null && !Files.exists(sqlite)) {
      if (policyFile == null) {
        err.println(
            "error: the store `"
                + sqlite
                + "` does not exist, so it has no policy to check the tuples against: push one"
                + " first (`warden policy push`) or give --policy");
        return Errors.INVALID;
      }
      List<Grant> grants = grants(source, compile(policyFile));
      if (grants == null) {
        return Errors.INVALID;
      }
      try (TupleStore target = store.open()) {
        return write(target, grants, compile(policyFile));
      }
    }
    try (TupleStore target = store.open()) {
      Optional<PolicyVersion> active = PolicyStore.of(target).activePolicy();
      if (active.isEmpty() && policyFile == null) {
        err.println(
            "error: the store has no active policy to check the tuples against: push one first"
                + " (`warden policy push`) or give --policy");
        return Errors.INVALID;
      }
      Policy policy =
          active.isPresent()
              ? PolicyCompiler.compile(
                      new SourceFile(
                          "policy version " + active.get().version(), active.get().source()))
                  .policyOrThrow()
              : compile(policyFile);
      // As for Warden data files, --policy is checked too when the store has a policy of its own.
      if (active.isPresent() && policyFile != null && grants(source, compile(policyFile)) == null) {
        return Errors.INVALID;
      }
      List<Grant> grants = grants(source, policy);
      if (grants == null) {
        return Errors.INVALID;
      }
      return write(target, grants, policy);
    }
  }

  private int write(TupleStore target, List<Grant> grants, Policy policy) {
    long revision = 0;
    if (!grants.isEmpty()) {
      revision = target.write(WriteValidator.forPolicy(policy).validate(WriteBatch.touch(grants)));
    }
    out.printf("imported %d grants from %s (revision %d)%n", grants.size(), file, revision);
    return 0;
  }

  /** Every grant of the file checked against {@code policy}, or null after printing why not. */
  private List<Grant> grants(SourceFile source, Policy policy) {
    List<Grant> grants = new ArrayList<>();
    List<String> rendered = new ArrayList<>();
    switch (from) {
      case OPENFGA -> {
        TupleImport ti = OpenFgaTuples.read(source, policy);
        grants.addAll(ti.grants());
        rendered.addAll(ti.render());
      }
      case SPICEDB -> relationships(source, policy, grants, rendered);
    }
    if (rendered.isEmpty()) {
      return grants;
    }
    PolicyFiles.printDiagnostics(rendered, err);
    err.println(
        "error: `" + file + "` was not imported: " + rendered.size() + " refused, nothing written");
    return null;
  }

  /** One line at a time, so a grant the policy refuses is reported at its own line. */
  private static void relationships(
      SourceFile source, Policy policy, List<Grant> grants, List<String> rendered) {
    WriteValidator validator = WriteValidator.forPolicy(policy);
    String[] lines = source.text().split("\n", -1);
    int offset = 0;
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      SpiceDbRelationships.Result r = SpiceDbRelationships.parse(new SourceFile("", line));
      for (ImportDiagnostic d : r.diagnostics()) {
        Span s = d.span();
        Span moved = new Span(s.start() + offset, s.end() + offset, i + 1, s.column());
        rendered.add(new ImportDiagnostic(d.code(), d.message(), moved, d.hint()).render(source));
      }
      for (Grant g : r.grants()) {
        try {
          validator.validateContextual(List.of(g));
          grants.add(g);
        } catch (WardenException e) {
          int indent = line.length() - line.stripLeading().length();
          Span at =
              new Span(offset + indent, offset + line.stripTrailing().length(), i + 1, indent + 1);
          rendered.add(new ImportDiagnostic("SDB304", e.getMessage(), at, FIT_HINT).render(source));
        }
      }
      offset += line.length() + 1;
    }
  }

  private static Policy compile(Path policyFile) {
    return PolicyCompiler.compile(PolicyFiles.read(policyFile)).policyOrThrow();
  }
}
