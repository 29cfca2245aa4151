package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Lookups through an intersection where one side holds only under a condition: a subject is certain
 * only when it is certain on every side, so a subject whose conditional side fails is checked and
 * left out, exactly as {@code check} denies it.
 */
class IntersectionLookupTest {

  static final String POLICY =
      """
      actor User {}

      condition under(limit: int) { context.amount <= limit }

      resource Doc {
        permissions = ["publish"];
        roles = ["editor", "approver"];
        "publish" if "editor" and "approver";
      }
      """;

  static Warden warden() {
    Warden w = Warden.builder().policy("docs.warden", POLICY).build();
    w.grant(
        // anne edits unconditionally but approves only amounts up to 5.
        "Doc:d1#editor@User:anne",
        "Doc:d1#approver@User:anne [under {\"limit\":5}]",
        // bob holds both roles unconditionally; carol only edits.
        "Doc:d1#editor@User:bob",
        "Doc:d1#approver@User:bob",
        "Doc:d1#editor@User:carol");
    return w;
  }

  static LookupSubjectsRequest publishers(long amount) {
    return new LookupSubjectsRequest(
        "publish",
        "Doc",
        "d1",
        null,
        "User",
        Map.of("amount", amount),
        List.of(),
        Consistency.latest());
  }

  static CheckRequest publish(String user, long amount) {
    return CheckRequest.builder(EntityRef.of("User", user), "publish", EntityRef.of("Doc", "d1"))
        .context(Map.of("amount", amount))
        .build();
  }

  static List<String> ids(List<AuthorizedSubject> subjects) {
    return subjects.stream().map(s -> s.subject().id()).toList();
  }

  @Test
  void aSubjectCertainOnOneSideOnlyIsCheckedAndLeftOutWhenItsConditionFails() {
    try (Warden w = warden()) {
      assertThat(w.check(publish("anne", 9)).allowed()).isFalse();
      assertThat(w.check(publish("bob", 9)).allowed()).isTrue();
      assertThat(ids(w.lookupSubjects(publishers(9)).subjects())).containsExactly("bob");
      var anne = LookupResourcesRequest.of(EntityRef.of("User", "anne"), "publish", "Doc");
      assertThat(w.lookupResources(anne.with(Map.of(), Map.of("amount", 9L), List.of())).ids())
          .isEmpty();
    }
  }

  @Test
  void aSubjectWhoseConditionHoldsIsListedWithTheGrantsOfBothSides() {
    try (Warden w = warden()) {
      assertThat(w.check(publish("anne", 3)).allowed()).isTrue();
      List<AuthorizedSubject> subjects = w.lookupSubjects(publishers(3)).subjects();
      assertThat(ids(subjects)).containsExactly("anne", "bob");
      assertThat(subjects.get(0).grants())
          .extracting(g -> g.relation() + (g.condition() == null ? "" : "?"))
          .containsExactlyInAnyOrder("editor", "approver?");
    }
  }
}
