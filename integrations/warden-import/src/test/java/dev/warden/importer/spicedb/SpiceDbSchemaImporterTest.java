package dev.warden.importer.spicedb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.importer.ImportResult;
import dev.warden.lang.SourceFile;
import dev.warden.model.AttributeType;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeKind;
import dev.warden.store.memory.MemoryStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SpiceDbSchemaImporterTest {

  private static final String DRIVE =
      """
      /** a person */
      definition user {}

      definition group {
        relation member: user | group#member
      }

      /* folders nest */
      definition folder {
        relation parent: folder
        relation viewer: user | group#member | user:*
        permission view = viewer + parent->view
      }

      definition document {
        relation parent: folder
        relation owner: user
        relation banned: user
        permission view = (owner + parent.any(view)) - banned & owner + nil
        permission never = nil
      }
      """;

  private static ImportResult imp(String text) {
    return SpiceDbSchemaImporter.importSchema(new SourceFile("s.zed", text));
  }

  @Test
  void mapsDefinitionsRelationsAndPermissions() {
    ImportResult r = imp(DRIVE);
    assertThat(r.render()).isEmpty();
    var p = r.policy();
    assertThat(p.type("User").kind()).isEqualTo(TypeKind.ACTOR);
    assertThat(p.type("Folder").kind()).isEqualTo(TypeKind.RESOURCE);
    assertThat(p.relation("Folder", "viewer").subjectTypes())
        .containsExactly(
            SubjectType.object("User"),
            SubjectType.userset("Group", "member"),
            SubjectType.wildcard("User"));
    assertThat(p.relation("Folder", "view").kind()).isEqualTo(RelationKind.PERMISSION);
    assertThat(p.relation("Folder", "view").rules().get(0).body())
        .isEqualTo(
            new Rewrite.Union(
                List.of(
                    new Rewrite.Computed("viewer"), new Rewrite.TupleToUserset("parent", "view"))));
    // `-` binds loosest, then `&`, then `+`; `+ nil` folds away.
    assertThat(p.relation("Document", "view").rules().get(0).body())
        .isEqualTo(
            new Rewrite.Exclusion(
                new Rewrite.Union(
                    List.of(
                        new Rewrite.Computed("owner"),
                        new Rewrite.TupleToUserset("parent", "view"))),
                new Rewrite.Intersection(
                    List.of(new Rewrite.Computed("banned"), new Rewrite.Computed("owner")))));
    assertThat(p.relation("Document", "never").rules()).isEmpty();
  }

  @Test
  void importedSchemaDecides() {
    ImportResult r = imp(DRIVE);
    try (Warden w =
        Warden.builder()
            .policy("start.warden", "actor Start {}")
            .store(new MemoryStore())
            .build()) {
      w.activateInStore("drive.warden", r.policy());
      w.grant("Group:eng#member@User:ann", "Folder:f#viewer@Group:eng#member");
      w.grant("Document:d#parent@Folder:f", "Document:d#owner@User:bob");
      assertThat(view(w, "ann")).isTrue();
      assertThat(view(w, "bob")).isTrue();
      assertThat(view(w, "carl")).isFalse();
    }
  }

  private static boolean view(Warden w, String user) {
    return w.check(
            CheckRequest.of(EntityRef.of("User", user), "view", EntityRef.of("Document", "d")))
        .allowed();
  }

  @Test
  void caveatsBecomeConditions() {
    ImportResult r =
        imp(
            """
            definition user {}
            caveat small(n int, tags list<string>, at timestamp) {
              n < 10 && "x" in tags
            }
            """);
    assertThat(r.render()).isEmpty();
    var c = r.policy().condition("small");
    assertThat(c.cel()).isEqualTo("n < 10 && \"x\" in tags");
    assertThat(c.parameter("tags").type()).isEqualTo(AttributeType.listOf(AttributeType.STRING));
    assertThat(c.parameter("at").type()).isEqualTo(AttributeType.TIMESTAMP);
  }

  @Test
  void caveatParametersOfTheNewerTypesImport() {
    ImportResult r =
        imp(
            """
            caveat c(ip ipaddress, m map<list<int>>, u uint) { ip.in_cidr("10.0.0.0/8") }
            definition user {}
            """);
    assertThat(r.render()).isEmpty();
    var c = r.policy().condition("c");
    assertThat(c.parameter("ip").type()).isEqualTo(AttributeType.IPADDRESS);
    assertThat(c.parameter("m").type())
        .isEqualTo(AttributeType.mapOf(AttributeType.listOf(AttributeType.INT)));
    assertThat(c.parameter("u").type()).isEqualTo(AttributeType.UINT);
  }

  @Test
  void refusesWhatWardenCannotCarryWithPositions() {
    ImportResult r =
        imp(
            """
            use expiration
            caveat c(ip ipaddress, b bytes, a any) { true }
            definition user {}
            definition doc {
              relation viewer: user with c | user with expiration
              relation parent: doc
              permission all_view = parent.all(viewer)
            }
            definition org/team {}
            """);
    assertThat(r.ok()).isFalse();
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
        .containsExactly("SDB205 2:26", "SDB205 2:35", "SDB202 5:39", "SDB203 9:12");
    assertThat(r.diagnostics().get(0).message()).contains("`bytes`");
    assertThat(r.diagnostics().get(1).message()).contains("`any`");
    assertThat(r.render().get(2))
        .startsWith("s.zed:5:39: error[SDB202]: expiring relationships")
        .contains("  |                                       ^^^^");
  }

  @Test
  void caveatedSubjectTypesRequireTheirCaveat() {
    ImportResult r =
        imp(
            """
            caveat small(x int) { x < 10 }
            definition user {}
            definition group { relation member: user }
            definition doc {
              relation viewer: user | user with small | group#member with small | user:* with small
            }
            """);
    assertThat(r.diagnostics()).isEmpty();
    assertThat(r.policy().relation("Doc", "viewer").subjectTypes())
        .containsExactly(
            SubjectType.object("User"),
            SubjectType.object("User").with("small"),
            SubjectType.userset("Group", "member").with("small"),
            SubjectType.wildcard("User").with("small"));
    ImportResult unknown =
        imp("definition user {}\ndefinition doc {\n  relation viewer: user with smal\n}\n");
    assertThat(unknown.diagnostics())
        .extracting(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
        .containsExactly("P306 3:20");
  }

  @Test
  void arrowsOverUsersetsAndAllArrowsImportButNotOverWildcards() {
    ImportResult r =
        imp(
            """
            definition user {}
            definition group {
              relation member: user | group#member
              relation parent: group#member
              permission view = parent->member
              permission every = parent.all(member)
            }
            """);
    assertThat(r.render()).isEmpty();
    var group = r.policy().type("Group");
    assertThat(group.relation("view").rules().get(0).body())
        .isEqualTo(new Rewrite.TupleToUserset("parent", "member"));
    assertThat(group.relation("every").rules().get(0).body())
        .isEqualTo(Rewrite.TupleToUserset.all("parent", "member"));

    ImportResult wild =
        imp(
            """
            definition user {}
            definition group {
              relation member: user
              relation parent: group | user:*
              permission view = parent->member
            }
            """);
    assertThat(wild.diagnostics()).extracting(d -> d.code()).containsExactly("P402");
  }

  @Test
  void syntaxErrorsStopWithTheirPlace() {
    Map<String, String> cases =
        Map.of(
            "definition user {\n  relation : user\n}", "SDB101 2:12",
            "definition user {\n  permission p = a +\n}", "SDB101 3:1",
            "/* never closed\ndefinition user {}", "SDB103 1:1",
            "import \"x.zed\"", "SDB101 1:1",
            "use caveats", "SDB102 1:5",
            "definition d {\n  permission p = a.some(b)\n}", "SDB101 2:20",
            "definition d {}\nuse expiration", "SDB101 2:1");
    cases.forEach(
        (text, expected) ->
            assertThat(imp(text).diagnostics())
                .as(text)
                .extracting(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
                .containsExactly(expected));
  }

  @Test
  void chainedArrowsAreRefusedWhereTheyStart() {
    ImportResult r =
        imp(
            """
            definition user {}
            definition doc {
              relation parent: doc
              relation viewer: user
              permission view = viewer + parent->parent->viewer
            }
            """);
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + " " + d.span().line() + ":" + d.span().column())
        .containsExactly("SDB208 5:30");
  }
}
