package dev.warden.importer.openfga;

import dev.warden.api.Grant;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.lang.SourceFile;
import java.util.List;

/**
 * What a tuple import produced: every grant when no tuple was refused, else none and the reasons.
 *
 * @param source the imported file
 * @param grants the Warden grants in file order, empty when there is any diagnostic
 * @param diagnostics every refused tuple, in file order
 */
public record TupleImport(
    SourceFile source, List<Grant> grants, List<ImportDiagnostic> diagnostics) {
  public TupleImport {
    diagnostics = List.copyOf(diagnostics);
    grants = diagnostics.isEmpty() ? List.copyOf(grants) : List.of();
  }

  public boolean ok() {
    return diagnostics.isEmpty();
  }

  /** Every diagnostic rendered with its source line and caret. */
  public List<String> render() {
    return diagnostics.stream().map(d -> d.render(source)).toList();
  }
}
