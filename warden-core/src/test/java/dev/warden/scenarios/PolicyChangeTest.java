package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Grants outlive the policy they were written under. Like OpenFGA, Warden ignores a stored grant
 * the active policy no longer admits (its relation is not grantable any more, or no longer accepts
 * the grant's subject type, userset or wildcard), in checks, lookups and explanations alike.
 */
class PolicyChangeTest {

  private static final String V1 =
      """
      actor User {}
      actor Employee {}
      actor Group { relations = { member: User | Employee }; }
      resource Folder { relations = { viewer: User | Employee }; }
      resource Team { relations = { viewer: User | Employee }; }
      resource Document {
        permissions = ["read"];
        relations = { viewer: User | User:* | Group#member | Employee, parent: Folder | Team };
        "read" if "viewer";
        "read" if "viewer" on "parent";
      }
      condition always(x: int) { x > 0 }
      """;

  /** The same types, but a document's viewers and parents are narrower. */
  private static final String V2 =
      """
      actor User {}
      actor Employee {}
      actor Group { relations = { member: User | Employee }; }
      resource Folder { relations = { viewer: User | Employee }; }
      resource Team { relations = { viewer: User | Employee }; }
      resource Document {
        permissions = ["read"];
        relations = { viewer: Employee, parent: Folder };
        "read" if "viewer";
        "read" if "viewer" on "parent";
      }
      condition always(x: int) { x > 0 }
      """;

  private static Policy compile(String source) {
    return PolicyCompiler.compile(new SourceFile("p.warden", source)).policyOrThrow();
  }

  private static Warden underV1() {
    Warden w = Warden.builder().policy(compile(V1)).build();
    w.grant(
        "Document:1#viewer@User:jon",
        "Document:2#viewer@User:*",
        "Document:3#viewer@Group:eng#member",
        "Group:eng#member@User:ann",
        "Document:4#parent@Team:t",
        "Team:t#viewer@User:tim",
        "Document:5#viewer@User:cat [always {\"x\":1}]",
        "Document:6#viewer@Employee:eve",
        "Document:7#parent@Folder:f",
        "Folder:f#viewer@User:fay");
    return w;
  }

  private static boolean allowed(Warden w, String user, String doc) {
    return w.check(CheckRequest.of(user, "read", doc)).allowed();
  }

  @Test
  void underTheOldPolicyEveryGrantCounts() {
    try (Warden w = underV1()) {
      assertThat(allowed(w, "User:jon", "Document:1")).isTrue();
      assertThat(allowed(w, "User:zed", "Document:2")).isTrue();
      assertThat(allowed(w, "User:ann", "Document:3")).isTrue();
      assertThat(allowed(w, "User:tim", "Document:4")).isTrue();
      assertThat(allowed(w, "User:cat", "Document:5")).isTrue();
    }
  }

  @Test
  void checksIgnoreGrantsTheNewPolicyNoLongerAdmits() {
    try (Warden w = underV1()) {
      w.activate(compile(V2));
      assertThat(allowed(w, "User:jon", "Document:1")).as("subject type dropped").isFalse();
      assertThat(allowed(w, "User:zed", "Document:2")).as("wildcard dropped").isFalse();
      assertThat(allowed(w, "User:ann", "Document:3")).as("userset dropped").isFalse();
      assertThat(allowed(w, "User:tim", "Document:4")).as("parent type dropped").isFalse();
      assertThat(allowed(w, "User:cat", "Document:5")).as("conditional, type dropped").isFalse();
      var bulk =
          w.checkBulk(
              List.of(
                  CheckRequest.of("User:jon", "read", "Document:1"),
                  CheckRequest.of("Employee:eve", "read", "Document:6")));
      assertThat(bulk.get(0).allowed()).isFalse();
      assertThat(bulk.get(1).allowed()).isTrue();
      // What the new policy still admits keeps counting.
      assertThat(allowed(w, "Employee:eve", "Document:6")).isTrue();
      assertThat(allowed(w, "User:fay", "Document:7")).isTrue();
      // The grants are still stored: they can be read and deleted.
      assertThat(w.store().read(GrantFilter.ALL, null, 100).items()).hasSize(10);
    }
  }

  @Test
  void lookupsIgnoreGrantsTheNewPolicyNoLongerAdmits() {
    try (Warden w = underV1()) {
      w.activate(compile(V2));
      for (String user : List.of("jon", "zed", "ann", "tim", "cat")) {
        assertThat(
                w.lookupResources(
                        LookupResourcesRequest.of(EntityRef.of("User", user), "read", "Document"))
                    .ids())
            .as(user)
            .isEmpty();
      }
      assertThat(
              w.lookupResources(
                      LookupResourcesRequest.of(EntityRef.of("User", "fay"), "read", "Document"))
                  .ids())
          .containsExactly("7");
      for (String doc : List.of("1", "2", "3", "4", "5")) {
        LookupSubjectsRequest r =
            LookupSubjectsRequest.of("read", EntityRef.of("Document", doc), "User");
        var found = w.lookupSubjects(r);
        assertThat(found.subjects()).as(doc).isEmpty();
        assertThat(found.anySubject()).as(doc).isFalse();
        assertThat(w.authorizedUsers(r).users()).as(doc).isEmpty();
      }
      assertThat(
              w.lookupSubjects(
                      LookupSubjectsRequest.of("read", EntityRef.of("Document", "6"), "Employee"))
                  .subjects())
          .extracting(AuthorizedSubject::subject)
          .extracting(Object::toString)
          .containsExactly("Employee:eve");
    }
  }

  @Test
  void explainSaysWhichStoredGrantWasIgnoredAndWhy() {
    try (Warden w = underV1()) {
      w.activate(compile(V2));
      String jon = w.explain(CheckRequest.of("User:jon", "read", "Document:1")).root().render();
      assertThat(jon)
          .contains(
              "Document:1#viewer@User:jon — stored grant ignored: the active policy's"
                  + " `Document#viewer` does not accept `User`; it accepts Employee");
      String zed = w.explain(CheckRequest.of("User:zed", "read", "Document:2")).root().render();
      assertThat(zed).contains("Document:2#viewer@User:* — stored grant ignored");
      String ann = w.explain(CheckRequest.of("User:ann", "read", "Document:3")).root().render();
      assertThat(ann)
          .contains(
              "Document:3#viewer@Group:eng#member — stored grant ignored: the active policy's"
                  + " `Document#viewer` does not accept `Group#member`");
      String tim = w.explain(CheckRequest.of("User:tim", "read", "Document:4")).root().render();
      assertThat(tim)
          .contains(
              "Document:4#parent@Team:t — stored grant ignored: the active policy's"
                  + " `Document#parent` does not accept `Team`; it accepts Folder");
      String cat = w.explain(CheckRequest.of("User:cat", "read", "Document:5")).root().render();
      assertThat(cat).contains("Document:5#viewer@User:cat — stored grant ignored");
      assertThat(w.explain(CheckRequest.of("User:jon", "read", "Document:1")).decision().allowed())
          .isFalse();
    }
  }

  @Test
  void grantsOfARelationThatIsGoneOrNowAPermissionNoLongerCount() {
    String permission =
        V2.replace(
            "relations = { viewer: Employee, parent: Folder };",
            "permissions = [\"viewer\"];\n  relations = { parent: Folder };\n"
                + "  \"viewer\" if \"viewer\" on \"parent\";");
    String gone = V2.replace("viewer: Employee, parent: Folder", "parent: Folder");
    gone = gone.replace("\"read\" if \"viewer\";\n", "");
    for (String policy : List.of(permission, gone)) {
      try (Warden w = underV1()) {
        w.activate(compile(policy));
        assertThat(allowed(w, "Employee:eve", "Document:6")).as(policy).isFalse();
        assertThat(allowed(w, "User:fay", "Document:7")).as(policy).isTrue();
        assertThat(
                w.lookupResources(
                        LookupResourcesRequest.of(
                            EntityRef.of("Employee", "eve"), "read", "Document"))
                    .ids())
            .as(policy)
            .isEmpty();
        assertThat(
                w.lookupSubjects(
                        LookupSubjectsRequest.of("read", EntityRef.of("Document", "6"), "Employee"))
                    .subjects())
            .as(policy)
            .isEmpty();
      }
    }
  }
}
