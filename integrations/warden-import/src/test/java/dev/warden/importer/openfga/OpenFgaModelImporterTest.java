package dev.warden.importer.openfga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.importer.Conformance;
import dev.warden.importer.ImportResult;
import dev.warden.importer.TypeNames;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeKind;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class OpenFgaModelImporterTest {

  private static final String DRIVE =
      """
      model
        schema 1.1

      type user
      type group
        relations
          define member: [user, group#member]
      type folder
        relations
          define viewer: [user, user:*]
      # a comment line
      type document
        relations
          define parent: [folder]
          define owner: [user] # trailing comment
          define blocked: [user]
          define viewer: [user, group#member] or owner or viewer from parent
          define editor: owner and viewer
          define can_view: viewer but not blocked
      """;

  private static ImportResult run(String text) {
    return OpenFgaModelImporter.importModel(new SourceFile("model.fga", text));
  }

  /** A model with types `user` and `doc` whose relations (from line 6 on) are {@code defines}. */
  private static String docModel(String... defines) {
    String header =
        """
        model
          schema 1.1
        type user
        type doc
          relations
        """;
    return header + String.join("\n", defines) + "\n";
  }

  @Test
  void importsTypesRelationsAndRules() {
    ImportResult r = run(DRIVE);
    assertThat(r.render()).isEmpty();
    Policy p = r.policy();
    assertThat(p.types().keySet()).containsExactly("User", "Group", "Folder", "Document");
    RelationDef viewer = p.relation("Document", "viewer");
    assertThat(viewer.kind()).isEqualTo(RelationKind.RELATION);
    assertThat(viewer.subjectTypes())
        .containsExactly(SubjectType.object("User"), SubjectType.userset("Group", "member"));
    assertThat(viewer.rules())
        .extracting(x -> x.body())
        .containsExactly(
            new Rewrite.Computed("owner"), new Rewrite.TupleToUserset("parent", "viewer"));
    assertThat(viewer.rules().get(0).origin()).isEqualTo("model.fga:17:44");
    assertThat(p.relation("Folder", "viewer").subjectTypes())
        .containsExactly(SubjectType.object("User"), SubjectType.wildcard("User"));
    RelationDef editor = p.relation("Document", "editor");
    assertThat(editor.kind()).isEqualTo(RelationKind.PERMISSION);
    assertThat(editor.rules().get(0).body())
        .isEqualTo(
            new Rewrite.Intersection(
                List.of(new Rewrite.Computed("owner"), new Rewrite.Computed("viewer"))));
    assertThat(p.relation("Document", "can_view").rules().get(0).body())
        .isEqualTo(
            new Rewrite.Exclusion(new Rewrite.Computed("viewer"), new Rewrite.Computed("blocked")));
    Conformance.assertRoundTrips("drive", p);
  }

  @Test
  void directSubjectsWithoutTuplesetUseAreActors() {
    Policy p = run(DRIVE).policy();
    assertThat(p.type("User").kind()).isEqualTo(TypeKind.ACTOR);
    // only ever a userset subject, and has relations
    assertThat(p.type("Group").kind()).isEqualTo(TypeKind.RESOURCE);
    // a direct subject, but of `parent`, which `from` follows
    assertThat(p.type("Folder").kind()).isEqualTo(TypeKind.RESOURCE);
    assertThat(p.type("Document").kind()).isEqualTo(TypeKind.RESOURCE);
  }

  @Test
  void typeNamesAreCapitalisedReversibly() {
    for (String fga : List.of("user", "document", "user_group", "a", "x9")) {
      String warden = TypeNames.toWarden(fga);
      assertThat(Character.isUpperCase(warden.charAt(0))).isTrue();
      assertThat(TypeNames.fromWarden(warden)).isEqualTo(fga);
    }
    assertThat(TypeNames.importableType("User")).isFalse();
    assertThat(TypeNames.importableType("asset-category")).isFalse();
    assertThat(TypeNames.importableRelation("on")).isFalse();
  }

  @Test
  void conditionsImportAsWardenConditionsAndSubjectRequirements() {
    ImportResult r =
        run(
            """
            model
              schema 1.1
            type user
            type doc
              relations
                define viewer: [user, user with in_office, user:* with in_office]
            condition in_office(ip: ipaddress, tags: map<list<string>>) {
              ip.in_cidr("10.0.0.0/8") &&
                "a#b" in tags.teams
            }
            """);
    assertThat(r.diagnostics()).isEmpty();
    Policy p = r.policy();
    assertThat(p.condition("in_office").parameters()).hasSize(2);
    assertThat(p.condition("in_office").cel())
        .isEqualTo("ip.in_cidr(\"10.0.0.0/8\") &&\n    \"a#b\" in tags.teams");
    assertThat(p.relation("Doc", "viewer").subjectTypes())
        .containsExactly(
            SubjectType.object("User"),
            SubjectType.object("User").with("in_office"),
            SubjectType.wildcard("User").with("in_office"));
    assertThat(dev.warden.lang.PolicyRenderer.render(p))
        .contains("viewer: User | User with in_office | User:* with in_office");
  }

  @Test
  void whatAConditionCannotCarryIsRefusedWhereItStands() {
    ImportResult r =
        run(
            """
            model
              schema 1.1
            type user
            type doc
              relations
                define viewer: [user with a, user with b, user with c]
            condition a(x: any) { true }
            condition b(x: int, x: int) { x < 1 }
            condition c(x: int) {
              x <
                "s"
            }
            condition d(y: int) { y < 1 }
            """);
    assertThat(r.policy()).isNull();
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + "@" + d.span())
        .containsExactly("FGA201@7:16", "FGA205@8:21", "P602@10:5", "FGA207@13:11");
    assertThat(r.diagnostics().get(2).message()).startsWith("condition `c`: ");
  }

  @Test
  void parsingStopsAtABrokenConditionAndGoesOnAfterAGoodOne() {
    ImportResult r =
        run(
            """
            model
              schema 1.1
            condition c(x: int)
            {
              x < 3
            }
            type doc
              relations
                defne viewer: [doc]
            """);
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + "@" + d.span())
        .containsExactly("FGA101@9:5");
    ImportResult broken = run("model\n  schema 1.1\ncondition c(x int) { x }\ntype doc\n");
    assertThat(broken.diagnostics())
        .extracting(d -> d.code() + "@" + d.span())
        .containsExactly("FGA101@3:15");
  }

  @Test
  void directAssignmentInsideAndOrButNotIsThis() {
    ImportResult r =
        run(
            docModel(
                "    define a: [user]",
                "    define b: [user] and a",
                "    define c: [user] but not a"));
    assertThat(r.diagnostics()).isEmpty();
    RelationDef b = r.policy().relation("Doc", "b");
    assertThat(b.kind()).isEqualTo(RelationKind.RELATION);
    assertThat(b.subjectTypes()).containsExactly(SubjectType.object("User"));
    assertThat(b.usesThis()).isTrue();
    assertThat(b.rules())
        .singleElement()
        .satisfies(
            x ->
                assertThat(x.body())
                    .isEqualTo(
                        new Rewrite.Intersection(
                            List.of(new Rewrite.Direct(), new Rewrite.Computed("a")))));
    assertThat(r.policy().relation("Doc", "c").rules().get(0).body())
        .isEqualTo(new Rewrite.Exclusion(new Rewrite.Direct(), new Rewrite.Computed("a")));
    assertThat(r.policy().relation("Doc", "a").usesThis()).isFalse();
  }

  @Test
  void modelProblemsPointAtTheDefinition() {
    ImportResult r = run(docModel("    define owner: [user]", "    define viewer: [usr] or ownr"));
    assertThat(r.diagnostics())
        .extracting(d -> d.code() + "@" + d.span())
        .containsExactlyInAnyOrder("P301@7:21", "P302@7:12");
  }

  @Test
  void diagnosticsRenderWithLineCaretAndHint() {
    ImportResult r = run(docModel("    define viewer: [user] or owner and editor"));
    assertThat(r.render())
        .singleElement()
        .isEqualTo(
            """
            model.fga:6:36: error[FGA101]: mixed operators need parentheses
              |     define viewer: [user] or owner and editor
              |                                    ^^^
              = hint: OpenFGA needs parentheses to mix `or`, `and` and `but not`: `(a or b) and c`""");
  }

  @Test
  void neverThrowsOnAnyInput() {
    Random random = new Random(7);
    String alphabet =
        "model schema 1.1 type define relations [](),:#*\n or and but not from with ab";
    for (int n = 0; n < 2000; n++) {
      String text;
      if (n < DRIVE.length()) {
        text = DRIVE.substring(0, n);
      } else {
        StringBuilder sb = new StringBuilder("model\n  schema 1.1\ntype a\n  relations\n");
        int len = random.nextInt(60);
        for (int i = 0; i < len; i++) {
          sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        text = sb.toString();
      }
      ImportResult r = run(text);
      assertThat(r.diagnostics()).noneMatch(d -> d.code().equals("FGA999"));
      assertThat(r.ok()).isEqualTo(r.policy() != null);
      r.render();
    }
  }
}
