package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Usersets and wildcards as the subject of check and list-objects, and usersets as what list-users
 * lists: a userset holds a relation when it is granted it (directly or through nested usersets,
 * inherited relations and rewrites) and contains itself; a wildcard holds only what wildcard grants
 * give; neither has attributes.
 */
class UsersetSubjectTest {

  static final String POLICY =
      """
      actor User { attributes = { level: int }; }
      actor Group { relations = { member: User | User:* | Group#member }; }
      resource Folder { relations = { viewer: User | Group#member }; }
      resource Doc {
        permissions = ["read", "open"];
        relations = { viewer: User | User:* | Group#member, parent: Folder, banned: User };
        "read" if "viewer";
        "read" if "viewer" on "parent";
        "open" if "read" and not "banned";
        "open" if actor.level > 3;
      }
      """;

  static Warden warden() {
    Warden w = Warden.builder().policy("docs.warden", POLICY).build();
    w.grant(
        "Doc:d1#viewer@Group:eng#member",
        "Group:eng#member@Group:backend#member",
        "Group:backend#member@User:anne",
        "Doc:d2#parent@Folder:f",
        "Folder:f#viewer@Group:ops#member",
        "Doc:pub#viewer@User:*",
        "Group:all#member@User:*",
        "Doc:d3#viewer@Group:all#member");
    return w;
  }

  private static boolean check(Warden w, String subject, String action, String resource) {
    return w.check(CheckRequest.of(SubjectRef.parse(subject), action, EntityRef.parse(resource)))
        .allowed();
  }

  @Test
  void aUsersetHoldsWhatItIsGrantedDirectlyOrThroughNestedUsersets() {
    Warden w = warden();
    assertThat(check(w, "Group:eng#member", "viewer", "Doc:d1")).isTrue();
    assertThat(check(w, "Group:backend#member", "read", "Doc:d1")).isTrue();
    assertThat(check(w, "Group:ops#member", "read", "Doc:d1")).isFalse();
    // Through an inherited relation.
    assertThat(check(w, "Group:ops#member", "read", "Doc:d2")).isTrue();
    assertThat(check(w, "Group:eng#member", "read", "Doc:d2")).isFalse();
  }

  @Test
  void aUsersetContainsItself() {
    Warden w = warden();
    assertThat(check(w, "Doc:d1#viewer", "viewer", "Doc:d1")).isTrue();
    assertThat(check(w, "Doc:d1#viewer", "read", "Doc:d1")).isTrue();
    assertThat(check(w, "Doc:d1#viewer", "viewer", "Doc:d2")).isFalse();
    assertThat(check(w, "Doc:d1#read", "viewer", "Doc:d1")).isFalse();
    assertThat(check(w, "Group:eng#member", "member", "Group:eng")).isTrue();
  }

  @Test
  void explainShowsTheUsersetItself() {
    Warden w = warden();
    var e =
        w.explain(
            CheckRequest.of(
                SubjectRef.parse("Group:backend#member"), "read", EntityRef.parse("Doc:d1")));
    assertThat(e.decision().allowed()).isTrue();
    assertThat(e.root().render()).contains("the userset actor itself");
    var denied =
        w.explain(CheckRequest.of(SubjectRef.wildcard("User"), "read", EntityRef.parse("Doc:d1")));
    assertThat(denied.decision().allowed()).isFalse();
    assertThat(denied.root().render()).contains("no grant reaches User:*");
  }

  @Test
  void aWildcardHoldsOnlyWhatWildcardGrantsGive() {
    Warden w = warden();
    assertThat(check(w, "User:*", "read", "Doc:pub")).isTrue();
    assertThat(check(w, "User:*", "read", "Doc:d1")).isFalse();
    // `Group:all#member` holds `User:*`, and `Doc:d3` is granted to that group.
    assertThat(check(w, "User:*", "read", "Doc:d3")).isTrue();
    // A userset is not reached by a wildcard grant of users.
    assertThat(check(w, "Group:eng#member", "read", "Doc:pub")).isFalse();
  }

  @Test
  void usersetsAndWildcardsHaveNoAttributes() {
    Warden w = warden();
    w.setAttributes(EntityRef.parse("User:anne"), Map.of("level", 9));
    assertThat(check(w, "User:anne", "open", "Doc:nothing")).isTrue();
    assertThat(check(w, "User:*", "open", "Doc:nothing")).isFalse();
    assertThat(check(w, "Group:eng#member", "open", "Doc:nothing")).isFalse();
    assertThat(check(w, "Group:eng#member", "open", "Doc:d1")).isTrue();
    assertThatThrownBy(
            () ->
                CheckRequest.builder(SubjectRef.wildcard("User"), "open", EntityRef.parse("Doc:d1"))
                    .actorAttributes(Map.of("level", 9))
                    .build())
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("no attributes");
  }

  @Test
  void anIdHoldingAHashIsAnEntityNotAUserset() {
    Warden w = warden();
    assertThat(
            w.check(
                    CheckRequest.of(
                        EntityRef.parse("Group:eng#member"), "read", EntityRef.parse("Doc:d1")))
                .allowed())
        .isFalse();
  }

  @Test
  void aUsersetOfAnUndeclaredRelationIsRefused() {
    Warden w = warden();
    assertThatThrownBy(() -> check(w, "Group:eng#owner", "read", "Doc:d1"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("actor.relation")
        .hasMessageContaining("`Group` has no relation `owner`");
  }

  @Test
  void listObjectsForUsersetsAndWildcards() {
    Warden w = warden();
    assertThat(ids(w, SubjectRef.parse("Group:backend#member"))).containsExactly("d1");
    assertThat(ids(w, SubjectRef.parse("Group:ops#member"))).containsExactly("d2");
    assertThat(ids(w, SubjectRef.wildcard("User"))).containsExactlyInAnyOrder("d3", "pub");
    assertThat(
            w.lookupResources(
                    LookupResourcesRequest.of(SubjectRef.parse("Doc:d2#read"), "read", "Doc"))
                .ids())
        .containsExactly("d2");
  }

  private static List<String> ids(Warden w, SubjectRef subject) {
    return w.lookupResources(LookupResourcesRequest.of(subject, "read", "Doc")).ids();
  }

  @Test
  void authorizedUsersRefusesAUsersetFilter() {
    Warden w = warden();
    assertThatThrownBy(
            () ->
                w.authorizedUsers(
                    LookupSubjectsRequest.of("read", EntityRef.parse("Doc:d1"), "Group")
                        .withSubjectRelation("member")))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("not usersets");
  }

  @Test
  void listUsersWithAUsersetFilterListsUsersets() {
    Warden w = warden();
    LookupSubjectsRequest groups =
        LookupSubjectsRequest.of("read", EntityRef.parse("Doc:d1"), "Group")
            .withSubjectRelation("member");
    assertThat(w.lookupSubjects(groups).subjects())
        .extracting(AuthorizedSubject::subject)
        .containsExactly(
            SubjectRef.userset("Group", "backend", "member"),
            SubjectRef.userset("Group", "eng", "member"));
    LookupSubjectsRequest self =
        LookupSubjectsRequest.of("read", EntityRef.parse("Doc:d1"), "Doc")
            .withSubjectRelation("viewer");
    assertThat(w.lookupSubjects(self).subjects())
        .extracting(AuthorizedSubject::subject)
        .containsExactly(SubjectRef.userset("Doc", "d1", "viewer"));
    LookupSubjectsRequest folders =
        LookupSubjectsRequest.of("read", EntityRef.parse("Doc:d2"), "Folder")
            .withSubjectRelation("viewer");
    assertThat(w.lookupSubjects(folders).subjects())
        .extracting(AuthorizedSubject::subject)
        .containsExactly(SubjectRef.userset("Folder", "f", "viewer"));
  }
}
