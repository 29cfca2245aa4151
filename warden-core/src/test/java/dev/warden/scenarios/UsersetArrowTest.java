package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code on} over a relation that takes usersets: {@code Doc:d#viewer@Team:eng#member} relates
 * {@code Team:eng}, whose {@code lead} the arrow asks for; the subject relation {@code member}
 * plays no part in the arrow (it still does in the relation's own grants).
 */
class UsersetArrowTest {

  static final String POLICY =
      """
      actor User {}

      resource Team {
        relations = { member: User, lead: User };
      }

      resource Doc {
        relations = { viewer: User | Team#member };
        permissions = ["steer", "steer_all"];
        "steer" if "lead" on "viewer";
        "steer_all" if "lead" on all "viewer";
      }
      """;

  static Warden warden() {
    Warden w = Warden.builder().policy("usersets.warden", POLICY).build();
    w.grant(
        "Team:eng#member@User:mia",
        "Team:eng#lead@User:lea",
        "Team:ops#lead@User:olo",
        "Team:ops#lead@User:lea",
        "Doc:d1#viewer@Team:eng#member",
        "Doc:d2#viewer@Team:eng#member",
        "Doc:d2#viewer@Team:ops#member",
        "Doc:d3#viewer@User:mia");
    return w;
  }

  static boolean allowed(Warden w, String user, String action, String doc) {
    return w.check(CheckRequest.of("User:" + user, action, "Doc:" + doc)).allowed();
  }

  @Test
  void theArrowFollowsAUsersetToItsObject() {
    try (Warden w = warden()) {
      assertThat(allowed(w, "lea", "steer", "d1")).isTrue();
      assertThat(allowed(w, "mia", "steer", "d1")).isFalse();
      assertThat(allowed(w, "olo", "steer", "d2")).isTrue();
      assertThat(allowed(w, "olo", "steer_all", "d2")).isFalse();
      assertThat(allowed(w, "lea", "steer_all", "d2")).isTrue();
      // A plain user related through `viewer` is not an object the arrow can ask for `lead`.
      assertThat(allowed(w, "mia", "steer", "d3")).isFalse();
    }
  }

  @Test
  void explainShowsTheUsersetsObject() {
    try (Warden w = warden()) {
      String tree = w.explain(CheckRequest.of("User:olo", "steer_all", "Doc:d2")).root().render();
      assertThat(tree)
          .contains("✓ Team:ops#lead")
          .contains("✗ Team:eng#lead")
          .contains("not every related object grants it: `Team:eng` does not");
    }
  }

  @Test
  void lookupsFollowTheUsersetToo() {
    try (Warden w = warden()) {
      var lea = LookupResourcesRequest.of(EntityRef.of("User", "lea"), "steer", "Doc");
      assertThat(w.lookupResources(lea).ids()).containsExactlyInAnyOrder("d1", "d2");
      var olo = LookupResourcesRequest.of(EntityRef.of("User", "olo"), "steer_all", "Doc");
      assertThat(w.lookupResources(olo.with(Map.of(), Map.of(), List.of())).ids()).isEmpty();
      assertThat(subjects(w, "steer", "d2")).containsExactlyInAnyOrder("lea", "olo");
      assertThat(subjects(w, "steer_all", "d2")).containsExactly("lea");
    }
  }

  static List<String> subjects(Warden w, String action, String doc) {
    return w
        .lookupSubjects(
            new LookupSubjectsRequest(
                action, "Doc", doc, null, "User", Map.of(), List.of(), Consistency.latest()))
        .subjects()
        .stream()
        .map(s -> s.subject().id())
        .toList();
  }
}
