package dev.warden.importer.openfga;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.importer.Conformance;
import dev.warden.importer.ImportResult;
import dev.warden.lang.SourceFile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every model of OpenFGA's consolidated 1.1 check tests (tests[].stages[].model). */
class OpenFgaConsolidatedModelsTest {

  @Test
  void everyStageModelImportsOrIsRefusedForAReason() {
    Tally tally = new Tally();
    JsonNode tests =
        Conformance.yaml("openfga-openfga/assets/tests/consolidated_1_1_tests.yaml").get("tests");
    for (JsonNode t : tests) {
      int stage = 0;
      for (JsonNode s : t.get("stages")) {
        String name = t.get("name").asText() + "#" + stage++;
        if (s.get("model") == null) {
          continue;
        }
        ImportResult r =
            OpenFgaModelImporter.importModel(new SourceFile(name, s.get("model").asText()));
        tally.add(name, r);
        if (r.ok()) {
          Conformance.assertRoundTrips(name, r.policy());
        }
      }
    }
    tally.print("consolidated_1_1_tests models");
    assertThat(tests.size()).isEqualTo(137);
    assertThat(tally.counts()).isEqualTo(Map.of("ok", 157, "P502", 3));
  }
}
