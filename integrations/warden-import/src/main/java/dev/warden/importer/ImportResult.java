package dev.warden.importer;

import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.util.List;

/**
 * What an import produced: the policy when nothing was refused, else the diagnostics.
 *
 * @param source the imported file
 * @param policy the validated Warden model, or null when there is any diagnostic
 * @param diagnostics every refusal, in source order of discovery
 */
public record ImportResult(SourceFile source, Policy policy, List<ImportDiagnostic> diagnostics) {
  public ImportResult {
    diagnostics = List.copyOf(diagnostics);
  }

  public boolean ok() {
    return diagnostics.isEmpty();
  }

  /** Every diagnostic rendered with its source line and caret. */
  public List<String> render() {
    return diagnostics.stream().map(d -> d.render(source)).toList();
  }
}
