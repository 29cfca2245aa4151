package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule that names {@code this} places the relation's own grants inside it: {@code "viewer" if
 * this and not "blocked"} denies a blocked user the viewer grant they hold, where without {@code
 * this} the grant would be united with the rule and allow. Check, lookups and explain agree.
 */
class ThisGrantsTest {

  static final String POLICY =
      """
      actor User {}

      actor Group {
        relations = { member: User | Group#member };
      }

      resource Doc {
        relations = { viewer: User | User:* | Group#member, blocked: User, allowed: User };
        roles = ["editor"];
        "viewer" if this and not "blocked";
        "editor" if this and "allowed" or "viewer" and "allowed";
      }
      """;

  static Warden warden() {
    Warden w = Warden.builder().policy("docs.warden", POLICY).build();
    w.grant(
        "Doc:d1#viewer@User:anne",
        "Doc:d1#viewer@Group:g#member",
        "Group:g#member@User:bob",
        "Group:g#member@User:carol",
        "Doc:d1#blocked@User:carol",
        "Doc:d2#viewer@User:*",
        "Doc:d2#blocked@User:anne",
        "Doc:d1#editor@User:dave",
        "Doc:d1#editor@User:erin",
        "Doc:d1#allowed@User:erin",
        "Doc:d1#allowed@User:anne");
    return w;
  }

  static boolean allowed(Warden w, String user, String relation, String doc) {
    return w.check(CheckRequest.of("User:" + user, relation, "Doc:" + doc)).allowed();
  }

  static List<String> subjects(Warden w, String relation, String doc) {
    var q = LookupSubjectsRequest.of(relation, EntityRef.of("Doc", doc), "User");
    return w.lookupSubjects(q).subjects().stream()
        .map(AuthorizedSubject::subject)
        .map(s -> s.id())
        .sorted()
        .toList();
  }

  @Test
  void grantsCountOnlyWhereThisStands() {
    try (Warden w = warden()) {
      assertThat(allowed(w, "anne", "viewer", "d1")).isTrue();
      assertThat(allowed(w, "bob", "viewer", "d1")).isTrue();
      assertThat(allowed(w, "carol", "viewer", "d1")).as("blocked").isFalse();
      assertThat(allowed(w, "zed", "viewer", "d2")).as("wildcard").isTrue();
      assertThat(allowed(w, "anne", "viewer", "d2")).as("blocked beside a wildcard").isFalse();
      assertThat(allowed(w, "dave", "editor", "d1")).as("granted but not allowed").isFalse();
      assertThat(allowed(w, "erin", "editor", "d1")).isTrue();
      assertThat(allowed(w, "anne", "editor", "d1")).as("a viewer who is allowed").isTrue();
    }
  }

  @Test
  void lookupsAgreeWithCheck() {
    try (Warden w = warden()) {
      var carol = LookupResourcesRequest.of(EntityRef.of("User", "carol"), "viewer", "Doc");
      assertThat(w.lookupResources(carol).ids()).as("blocked on d1 only").containsExactly("d2");
      var anne = LookupResourcesRequest.of(EntityRef.of("User", "anne"), "viewer", "Doc");
      assertThat(w.lookupResources(anne).ids()).containsExactly("d1");
      assertThat(subjects(w, "viewer", "d1")).containsExactly("anne", "bob");
      assertThat(subjects(w, "editor", "d1")).containsExactly("anne", "erin");
    }
  }

  @Test
  void explainShowsTheGrantsWhereThisStands() {
    try (Warden w = warden()) {
      var e = w.explain(CheckRequest.of("User:carol", "viewer", "Doc:d1"));
      assertThat(e.decision().allowed()).isFalse();
      String tree = e.root().render();
      assertThat(tree).contains("\"viewer\" if this and not \"blocked\"");
      assertThat(tree).contains("grants of Doc:d1#viewer");
      assertThat(tree).contains("and not");
    }
  }
}
