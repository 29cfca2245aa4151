package dev.warden.importer.openfga;

import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.ImportResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Counts of imports by outcome (`ok` or the first diagnostic's code), with the refusals listed. */
final class Tally {
  private final Map<String, Integer> counts = new TreeMap<>();
  private final List<String> refusals = new ArrayList<>();

  void add(String name, ImportResult r) {
    String key = r.ok() ? "ok" : r.diagnostics().get(0).code();
    counts.merge(key, 1, Integer::sum);
    if (!r.ok()) {
      ImportDiagnostic d = r.diagnostics().get(0);
      refusals.add(key + " " + name + " (" + d.span() + "): " + d.message());
    }
  }

  Map<String, Integer> counts() {
    return counts;
  }

  /** Prints the counts and every refusal, so the test output says what was refused and why. */
  void print(String title) {
    System.out.println(title + ": " + counts);
    refusals.forEach(x -> System.out.println("  " + x));
  }
}
