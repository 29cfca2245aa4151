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
 * {@code "member" on all "team"}: every related team must grant {@code member}; none related is
 * false. Conditions on the grants of {@code team} and of the teams combine in three-valued logic.
 */
class AllArrowTest {

  static final String POLICY =
      """
      actor User {}

      condition memberOk(memberparam: int) { memberparam >= 42 }
      condition teamOk(teamparam: int) { teamparam < 42 }

      resource Team {
        relations = { direct_member: User };
        permissions = ["member"];
        "member" if "direct_member";
      }

      resource Project {
        relations = { team: Team };
        permissions = ["by_all", "by_any"];
        "by_all" if "member" on all "team";
        "by_any" if "member" on "team";
      }
      """;

  static Warden plain() {
    Warden w = Warden.builder().policy("arrows.warden", POLICY).build();
    w.grant(
        "Team:red#direct_member@User:ann",
        "Team:red#direct_member@User:ben",
        "Team:red#direct_member@User:cat",
        "Team:blue#direct_member@User:ben",
        "Team:blue#direct_member@User:cat",
        "Team:green#direct_member@User:cat",
        "Project:one#team@Team:red",
        "Project:two#team@Team:red",
        "Project:two#team@Team:blue",
        "Project:three#team@Team:red",
        "Project:three#team@Team:blue",
        "Project:three#team@Team:green");
    return w;
  }

  static boolean allowed(Warden w, String user, String action, String project) {
    return w.check(CheckRequest.of("User:" + user, action, "Project:" + project)).allowed();
  }

  @Test
  void everyRelatedTeamMustGrantIt() {
    try (Warden w = plain()) {
      assertThat(allowed(w, "ann", "by_all", "one")).isTrue();
      assertThat(allowed(w, "ann", "by_all", "two")).isFalse();
      assertThat(allowed(w, "ben", "by_all", "two")).isTrue();
      assertThat(allowed(w, "ben", "by_all", "three")).isFalse();
      assertThat(allowed(w, "cat", "by_all", "three")).isTrue();
      assertThat(allowed(w, "ann", "by_any", "three")).isTrue();
    }
  }

  @Test
  void noRelatedTeamIsFalse() {
    try (Warden w = plain()) {
      w.grant("Team:solo#direct_member@User:ann");
      assertThat(allowed(w, "ann", "by_all", "empty")).isFalse();
      var e = w.explain(CheckRequest.of("User:ann", "by_all", "Project:empty"));
      assertThat(e.root().render()).contains("no object is related through `team`");
    }
  }

  @Test
  void explainNamesTheTeamThatDoesNotGrantIt() {
    try (Warden w = plain()) {
      var e = w.explain(CheckRequest.of("User:ben", "by_all", "Project:three"));
      assertThat(e.decision().allowed()).isFalse();
      String tree = e.root().render();
      assertThat(tree)
          .contains(
              "✗ \"member\" on all \"team\" of Project:three#team — not every related object"
                  + " grants it: `Team:green` does not")
          .contains("✓ Team:red#member")
          .contains("✓ Team:blue#member")
          .contains("✗ Team:green#member");
    }
  }

  @Test
  void lookupsListOnlyWhereEveryTeamGrantsIt() {
    try (Warden w = plain()) {
      assertThat(resources(w, "ben", Map.of())).containsExactlyInAnyOrder("one", "two");
      assertThat(resources(w, "cat", Map.of())).containsExactlyInAnyOrder("one", "two", "three");
      assertThat(subjects(w, "three", Map.of())).containsExactly("cat");
      assertThat(subjects(w, "two", Map.of())).containsExactlyInAnyOrder("ben", "cat");
    }
  }

  @Test
  void aCycleInTheDataIsCutAsForAnyArrow() {
    String policy =
        """
        actor User {}

        resource Folder {
          roles = ["owner"];
          permissions = ["read"];
          relations = { parent: Folder };
          "read" if "owner" or "read" on all "parent";
        }
        """;
    try (Warden w = Warden.builder().policy("cycle.warden", policy).build()) {
      w.grant(
          "Folder:a#parent@Folder:b",
          "Folder:b#parent@Folder:a",
          "Folder:c#parent@Folder:a",
          "Folder:d#parent@Folder:e",
          "Folder:e#owner@User:ann");
      // a and b only reach each other: the least fixpoint gives neither.
      assertThat(w.check(CheckRequest.of("User:ann", "read", "Folder:c")).allowed()).isFalse();
      assertThat(w.check(CheckRequest.of("User:ann", "read", "Folder:d")).allowed()).isTrue();
      w.grant("Folder:b#owner@User:ann");
      assertThat(w.check(CheckRequest.of("User:ann", "read", "Folder:c")).allowed()).isTrue();
      var ann = LookupResourcesRequest.of(EntityRef.of("User", "ann"), "read", "Folder");
      assertThat(w.lookupResources(ann.with(Map.of(), Map.of(), List.of())).ids())
          .containsExactlyInAnyOrder("a", "b", "c", "d", "e");
    }
  }

  static Warden conditional() {
    Warden w = Warden.builder().policy("arrows.warden", POLICY).build();
    w.grant(
        "Team:t1#direct_member@User:tom [memberOk]",
        "Project:open#team@Team:t1 [teamOk]",
        "Team:p1#direct_member@User:tom [memberOk {\"memberparam\":43}]",
        "Team:p2#direct_member@User:tom [memberOk {\"memberparam\":44}]",
        "Project:both#team@Team:p1 [teamOk {\"teamparam\":1}]",
        "Project:both#team@Team:p2 [teamOk {\"teamparam\":2}]",
        "Team:n1#direct_member@User:tom [memberOk {\"memberparam\":43}]",
        "Team:n2#direct_member@User:tom [memberOk {\"memberparam\":44}]",
        "Project:badteam#team@Team:n1 [teamOk {\"teamparam\":100}]",
        "Project:badteam#team@Team:n2 [teamOk {\"teamparam\":2}]",
        "Team:m1#direct_member@User:tom [memberOk {\"memberparam\":3}]",
        "Team:m2#direct_member@User:tom [memberOk {\"memberparam\":44}]",
        "Project:badmember#team@Team:m1 [teamOk {\"teamparam\":1}]",
        "Project:badmember#team@Team:m2 [teamOk {\"teamparam\":2}]");
    return w;
  }

  static String outcome(Warden w, String project, Map<String, Object> context) {
    return w.explain(
            CheckRequest.builder(
                    EntityRef.of("User", "tom"), "by_all", EntityRef.of("Project", project))
                .context(context)
                .build())
        .root()
        .outcome();
  }

  @Test
  void conditionsOnTheTeamGrantAndOnTheTeamCombineInThreeValuedLogic() {
    try (Warden w = conditional()) {
      assertThat(outcome(w, "open", Map.of("memberparam", 42L, "teamparam", 41L)))
          .isEqualTo("true");
      assertThat(outcome(w, "open", Map.of())).isEqualTo("unknown");
      assertThat(outcome(w, "open", Map.of("memberparam", 42L))).isEqualTo("unknown");
      assertThat(outcome(w, "open", Map.of("teamparam", 41L))).isEqualTo("unknown");
      assertThat(outcome(w, "open", Map.of("memberparam", 1L, "teamparam", 41L)))
          .isEqualTo("false");
      assertThat(outcome(w, "open", Map.of("memberparam", 42L, "teamparam", 100L)))
          .isEqualTo("false");
      // A false condition on one team decides even while the other is unknown.
      assertThat(outcome(w, "open", Map.of("teamparam", 100L))).isEqualTo("false");
      assertThat(outcome(w, "both", Map.of())).isEqualTo("true");
      assertThat(outcome(w, "badteam", Map.of())).isEqualTo("false");
      assertThat(outcome(w, "badmember", Map.of())).isEqualTo("false");
    }
  }

  @Test
  void explainSaysWhichTeamIsNotKnownToGrantIt() {
    try (Warden w = conditional()) {
      String tree =
          w.explain(CheckRequest.of("User:tom", "by_all", "Project:open")).root().render();
      assertThat(tree)
          .contains("not every related object is known to grant it: `Team:t1` is unknown")
          .contains("? teamOk");
    }
  }

  @Test
  void lookupsAgreeWithCheckUnderConditions() {
    try (Warden w = conditional()) {
      assertThat(resources(w, "tom", Map.of())).containsExactly("both");
      assertThat(resources(w, "tom", Map.of("memberparam", 42L, "teamparam", 41L)))
          .containsExactlyInAnyOrder("both", "open");
      assertThat(subjects(w, "open", Map.of("memberparam", 42L, "teamparam", 41L)))
          .containsExactly("tom");
      assertThat(subjects(w, "open", Map.of("memberparam", 42L))).isEmpty();
      assertThat(subjects(w, "badteam", Map.of())).isEmpty();
    }
  }

  static List<String> resources(Warden w, String user, Map<String, Object> context) {
    var r = LookupResourcesRequest.of(EntityRef.of("User", user), "by_all", "Project");
    return w.lookupResources(r.with(Map.of(), context, List.of())).ids();
  }

  static List<String> subjects(Warden w, String project, Map<String, Object> context) {
    return w
        .lookupSubjects(
            new LookupSubjectsRequest(
                "by_all",
                "Project",
                project,
                null,
                "User",
                context,
                List.of(),
                Consistency.latest()))
        .subjects()
        .stream()
        .map(s -> s.subject().id())
        .toList();
  }
}
