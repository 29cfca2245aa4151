package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.DecisionEvent;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class DecisionLogTest {

  @Test
  void everyEmbeddedDecisionIsRecordedWithTheIdReturnedToTheCaller() {
    List<DecisionEvent> log = new CopyOnWriteArrayList<>();
    try (Warden w =
        Warden.builder().policy(QuickstartScenarioTest.POLICY).decisionLog(log::add).build()) {
      w.grant("Repository:gmail#admin@User:larry");
      Decision allowed = w.check(CheckRequest.of("User:larry", "read", "Repository:gmail"));
      List<Decision> bulk =
          w.checkBulk(
              List.of(
                  CheckRequest.of("User:anne", "read", "Repository:gmail"),
                  CheckRequest.of("User:larry", "delete", "Repository:gmail")));
      assertThat(log).hasSize(3);
      assertThat(log.get(0).decisionId()).isEqualTo(allowed.decisionId()).isNotBlank();
      assertThat(log.get(0).allowed()).isTrue();
      assertThat(log.get(0).actor().toString()).isEqualTo("User:larry");
      assertThat(log.get(0).revision()).isEqualTo(allowed.revision());
      assertThat(log.get(1).allowed()).isFalse();
      assertThat(log.get(1).decisionId()).isEqualTo(bulk.get(0).decisionId());
      assertThat(log.get(2).action()).isEqualTo("delete");
      assertThat(log.stream().map(DecisionEvent::decisionId).distinct()).hasSize(3);
    }
  }

  @Test
  void withoutALogDecisionsCarryNoId() {
    try (Warden w = Warden.builder().policy(QuickstartScenarioTest.POLICY).build()) {
      assertThat(w.check(CheckRequest.of("User:larry", "read", "Repository:gmail")).decisionId())
          .isNull();
    }
  }
}
