package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RecordingAuthorizerTest {

  private static final CheckRequest READ = CheckRequest.of("User:ann", "read", "Doc:a");
  private static final CheckRequest WRITE = CheckRequest.of("User:ann", "write", "Doc:a");

  /** The decorated authorizer: allows reads at revision 7, denies the rest; records nothing. */
  private static final Authorizer ENGINE =
      new Authorizer() {
        @Override
        public Decision check(CheckRequest r) {
          return Decision.of(r.action().equals("read"), 7);
        }

        @Override
        public List<Decision> checkBulk(List<CheckRequest> rs) {
          return rs.stream().map(this::check).toList();
        }

        @Override
        public Explanation explain(CheckRequest r) {
          return new Explanation(check(r), ROOT);
        }

        @Override
        public LookupResourcesResult lookupResources(LookupResourcesRequest r) {
          return new LookupResourcesResult(List.of("a"), null, 7, null);
        }

        @Override
        public LookupSubjectsResult lookupSubjects(LookupSubjectsRequest r) {
          return new LookupSubjectsResult(List.of(), false, 7);
        }
      };

  private static final ExplainNode ROOT =
      new ExplainNode(ExplainNode.Kind.RELATION, "Doc:a#read", "allowed", null, List.of());

  private record Recorded(CheckRequest request, Decision decision) {}

  private final List<Recorded> recorded = new ArrayList<>();
  private final Authorizer recording =
      new RecordingAuthorizer(ENGINE, (r, d, start) -> recorded.add(new Recorded(r, d)));

  @Test
  void aCheckGetsAFreshIdAndIsRecordedWithItsRequest() {
    Decision first = recording.check(READ);
    Decision second = recording.check(WRITE);

    assertThat(first.allowed()).isTrue();
    assertThat(first.revision()).isEqualTo(7);
    assertThat(second.allowed()).isFalse();
    assertThat(first.decisionId()).isNotBlank().isNotEqualTo(second.decisionId());
    assertThat(recorded).containsExactly(new Recorded(READ, first), new Recorded(WRITE, second));
  }

  @Test
  void eachCheckOfABulkRequestIsRecordedInOrder() {
    List<Decision> ds = recording.checkBulk(List.of(READ, WRITE, READ));

    assertThat(ds).extracting(Decision::allowed).containsExactly(true, false, true);
    Set<String> ids = new HashSet<>();
    ds.forEach(d -> ids.add(d.decisionId()));
    assertThat(ids).hasSize(3).doesNotContainNull();
    assertThat(recorded)
        .containsExactly(
            new Recorded(READ, ds.get(0)),
            new Recorded(WRITE, ds.get(1)),
            new Recorded(READ, ds.get(2)));
  }

  @Test
  void anExplanationsDecisionIsRecordedAndItsTreeKept() {
    Explanation e = recording.explain(READ);

    assertThat(e.root()).isEqualTo(ROOT);
    assertThat(e.decision().decisionId()).isNotBlank();
    assertThat(recorded).containsExactly(new Recorded(READ, e.decision()));
  }

  @Test
  void lookupsPassThroughUnrecorded() {
    assertThat(
            recording.lookupResources(
                LookupResourcesRequest.of(EntityRef.of("User", "ann"), "read", "Doc")))
        .isEqualTo(ENGINE.lookupResources(null));
    assertThat(
            recording.lookupSubjects(
                LookupSubjectsRequest.of("read", EntityRef.of("Doc", "a"), "User")))
        .isEqualTo(ENGINE.lookupSubjects(null));
    assertThat(recorded).isEmpty();
  }

  @Test
  void aRecorderThatRefusesKeepsTheDecisionFromBeingAnswered() {
    Authorizer refusing =
        new RecordingAuthorizer(
            ENGINE,
            (r, d, start) -> {
              throw new IllegalStateException("audit log full");
            });
    assertThatThrownBy(() -> refusing.check(READ)).hasMessage("audit log full");
  }

  @Test
  void loggingWritesCheckEventsWithTheSourceAndNoneAddsNothing() {
    List<DecisionEvent> events = new ArrayList<>();
    Decision d = RecordingAuthorizer.logging(ENGINE, events::add, "embedded").check(READ);

    assertThat(events).hasSize(1);
    DecisionEvent e = events.get(0);
    assertThat(e.decisionId()).isEqualTo(d.decisionId());
    assertThat(e.source()).isEqualTo("embedded");
    assertThat(e.actor()).isEqualTo(EntityRef.of("User", "ann"));
    assertThat(e.action()).isEqualTo("read");
    assertThat(e.allowed()).isTrue();
    assertThat(e.revision()).isEqualTo(7);
    assertThat(RecordingAuthorizer.logging(ENGINE, DecisionLog.NONE, "embedded")).isSameAs(ENGINE);
  }
}
