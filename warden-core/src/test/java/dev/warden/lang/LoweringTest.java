package dev.warden.lang;

import static dev.warden.lang.TestPolicies.compile;
import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.AttributeType;
import dev.warden.model.ConditionDef;
import dev.warden.model.Parameter;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rewrite.Attribute;
import dev.warden.model.Rewrite.Computed;
import dev.warden.model.Rewrite.Exclusion;
import dev.warden.model.Rewrite.Intersection;
import dev.warden.model.Rewrite.TupleToUserset;
import dev.warden.model.Rewrite.Union;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LoweringTest {

  private static final List<SubjectType> QUICKSTART_ROLE_SUBJECTS =
      List.of(SubjectType.object("User"), SubjectType.wildcard("User"));

  @Test
  void quickstartCompilesToRolesAndDerivedPermissions() {
    Compilation c = PolicyCompiler.compile(TestPolicies.example("quickstart"));
    TestPolicies.assertCompiles(c);
    Policy p = c.policy();

    assertThat(p.types()).containsOnlyKeys("User", "Repository");
    assertThat(p.type("User").kind()).isEqualTo(TypeKind.ACTOR);
    assertThat(p.type("User").relations()).isEmpty();
    assertThat(p.type("Repository").relations().keySet())
        .containsExactly("read", "push", "delete", "contributor", "maintainer", "admin");
    assertThat(p.type("Repository").attributes())
        .containsExactly(Map.entry("is_public", AttributeType.BOOL));
    assertThat(p.conditions()).isEmpty();

    RelationDef read = p.relation("Repository", "read");
    assertThat(read.kind()).isEqualTo(RelationKind.PERMISSION);
    assertThat(read.subjectTypes()).isEmpty();
    assertThat(read.rules())
        .containsExactly(
            new Rule(
                new Computed("contributor"), "\"read\" if \"contributor\"", "policy.warden:13:3"));

    RelationDef admin = p.relation("Repository", "admin");
    assertThat(admin.kind()).isEqualTo(RelationKind.ROLE);
    assertThat(admin.subjectTypes()).isEqualTo(QUICKSTART_ROLE_SUBJECTS);
    assertThat(admin.rules()).isEmpty();
    assertThat(admin.rewrite()).isEqualTo(new Rewrite.Direct());

    RelationDef maintainer = p.relation("Repository", "maintainer");
    assertThat(maintainer.rules())
        .containsExactly(
            new Rule(new Computed("admin"), "\"maintainer\" if \"admin\"", "policy.warden:10:3"));
    assertThat(maintainer.rewrite())
        .isEqualTo(new Union(List.of(new Rewrite.Direct(), new Computed("admin"))));
    assertThat(p.relation("Repository", "contributor").rules().get(0).body())
        .isEqualTo(new Computed("maintainer"));
    assertThat(p.relation("Repository", "push").rules().get(0).body())
        .isEqualTo(new Computed("maintainer"));
    assertThat(p.relation("Repository", "delete").rules().get(0).body())
        .isEqualTo(new Computed("admin"));
  }

  @Test
  void quickstartTakesThePublicReadRuleItDeclaresTheAttributeFor() {
    String text = TestPolicies.example("quickstart").text();
    String withRule =
        text.replace(
            "  \"delete\" if \"admin\";\n",
            "  \"delete\" if \"admin\";\n  \"read\" if resource.is_public;\n");
    assertThat(withRule).isNotEqualTo(text);
    Compilation c = compile(withRule);
    TestPolicies.assertCompiles(c);
    assertThat(c.policy().relation("Repository", "read").rules())
        .extracting(Rule::body)
        .containsExactly(new Computed("contributor"), new Attribute("resource.is_public"));
  }

  @Test
  void fullExampleCompilesAsTheReferenceDescribes() {
    Compilation c = PolicyCompiler.compile(TestPolicies.example("full"));
    TestPolicies.assertCompiles(c);
    Policy p = c.policy();

    assertThat(p.types()).containsOnlyKeys("User", "Group", "Tenant", "Repository");
    assertThat(p.type("Group").kind()).isEqualTo(TypeKind.ACTOR);
    assertThat(p.relation("Group", "member").kind()).isEqualTo(RelationKind.RELATION);
    assertThat(p.relation("Group", "member").subjectTypes())
        .containsExactly(SubjectType.object("User"), SubjectType.userset("Group", "member"));

    List<SubjectType> roleSubjects =
        List.of(
            SubjectType.object("User"),
            SubjectType.wildcard("User"),
            SubjectType.object("Group"),
            SubjectType.wildcard("Group"),
            SubjectType.userset("Group", "member"));
    assertThat(p.relation("Tenant", "viewer").subjectTypes()).isEqualTo(roleSubjects);
    assertThat(p.relation("Repository", "admin").subjectTypes()).isEqualTo(roleSubjects);
    assertThat(p.relation("Repository", "tenant").subjectTypes())
        .containsExactly(SubjectType.object("Tenant"));

    assertThat(p.relation("Repository", "push").rules())
        .containsExactly(
            new Rule(
                new Intersection(
                    List.of(new Computed("maintainer"), new Attribute("!(resource.archived)"))),
                "\"push\" if \"maintainer\" and not resource.archived",
                "policy.warden:21:3"));
    assertThat(p.relation("Repository", "admin").rules())
        .containsExactly(
            new Rule(
                new TupleToUserset("parent", "admin"),
                "\"admin\" if \"admin\" on \"parent\"",
                "policy.warden:25:3"));
    assertThat(p.relation("Repository", "contributor").rules())
        .extracting(Rule::body)
        .containsExactly(new Computed("maintainer"), new TupleToUserset("tenant", "viewer"));
    assertThat(p.relation("Repository", "read").rules())
        .extracting(Rule::text)
        .containsExactly(
            "\"read\" if \"contributor\"",
            "\"read\" if resource.is_public",
            "\"read\" if actor.department == \"finance\" && context.ip.startsWith(\"10.\")");
    assertThat(p.relation("Repository", "read").rules().get(2).body())
        .isEqualTo(
            new Attribute("actor.department == \"finance\" && context.ip.startsWith(\"10.\")"));
    assertThat(p.actorAttribute("department")).isEqualTo(AttributeType.STRING);
    assertThat(p.conditions())
        .containsExactly(
            Map.entry(
                "before",
                new ConditionDef(
                    "before",
                    List.of(new Parameter("deadline", AttributeType.TIMESTAMP)),
                    "context.now < deadline")));
  }

  @Test
  void thisIsTheGrantsStepAndEndsTheImplicitUnion() {
    Compilation c =
        compile(
            """
            actor User {}
            resource Doc {
              relations = { viewer: User | User:*, blocked: User };
              roles = ["editor"];
              "viewer" if this and not "blocked";
              "editor" if "viewer";
            }
            """);
    TestPolicies.assertCompiles(c);
    RelationDef viewer = c.policy().relation("Doc", "viewer");
    assertThat(viewer.usesThis()).isTrue();
    assertThat(viewer.rules().get(0).text()).isEqualTo("\"viewer\" if this and not \"blocked\"");
    assertThat(viewer.rewrite())
        .isEqualTo(new Rewrite.Exclusion(new Rewrite.Direct(), new Computed("blocked")));
    RelationDef editor = c.policy().relation("Doc", "editor");
    assertThat(editor.usesThis()).isFalse();
    assertThat(editor.rewrite())
        .isEqualTo(new Union(List.of(new Rewrite.Direct(), new Computed("viewer"))));
  }

  private static Rewrite body(String rule) {
    Compilation c =
        compile(
            """
            actor User {
              attributes = { level: int };
            }
            resource Doc {
              roles = ["a", "b", "c", "d"];
              permissions = ["x"];
              relations = { parent: Doc };
              attributes = { open: bool, size: int };
              %s
            }
            """
                .formatted(rule));
    TestPolicies.assertCompiles(c);
    return c.policy().relation("Doc", "x").rules().get(0).body();
  }

  @Test
  void onAllIsTheUniversalTupleToUserset() {
    assertThat(body("\"x\" if \"a\" on all \"parent\";"))
        .isEqualTo(Rewrite.TupleToUserset.all("parent", "a"));
    assertThat(body("\"x\" if \"a\" on \"parent\";"))
        .isEqualTo(new Rewrite.TupleToUserset("parent", "a", false));
  }

  @Test
  void orIsAFlattenedUnion() {
    assertThat(body("\"x\" if \"a\" or (\"b\" or \"c\") or resource.open;"))
        .isEqualTo(
            new Union(
                List.of(
                    new Computed("a"),
                    new Computed("b"),
                    new Computed("c"),
                    new Attribute("resource.open"))));
  }

  @Test
  void andIsAnIntersectionOfPositivePartsMinusTheUnionOfExcludedParts() {
    assertThat(body("\"x\" if \"a\" and not \"b\" and \"c\" and not \"d\";"))
        .isEqualTo(
            new Exclusion(
                new Intersection(List.of(new Computed("a"), new Computed("c"))),
                new Union(List.of(new Computed("b"), new Computed("d")))));
    assertThat(body("\"x\" if \"a\" and not \"b\";"))
        .isEqualTo(new Exclusion(new Computed("a"), new Computed("b")));
    assertThat(body("\"x\" if \"a\" and not (\"b\" or \"c\") and not \"d\";"))
        .isEqualTo(
            new Exclusion(
                new Computed("a"),
                new Union(List.of(new Computed("b"), new Computed("c"), new Computed("d")))));
  }

  @Test
  void notOnCelFoldsIntoTheExpression() {
    assertThat(body("\"x\" if \"a\" and not (resource.open || resource.size > 3);"))
        .isEqualTo(
            new Intersection(
                List.of(
                    new Computed("a"), new Attribute("!(resource.open || resource.size > 3)"))));
    assertThat(body("\"x\" if not resource.open;")).isEqualTo(new Attribute("!(resource.open)"));
  }

  @Test
  void doubleNegationCancels() {
    assertThat(body("\"x\" if not not \"a\";")).isEqualTo(new Computed("a"));
    assertThat(body("\"x\" if \"a\" and not (not \"b\");"))
        .isEqualTo(new Intersection(List.of(new Computed("a"), new Computed("b"))));
  }

  @Test
  void celTextIsKeptAsWrittenWithoutComments() {
    assertThat(
            body(
                """
                "x" if actor.level > 2 # senior
                    && resource.size < 10;"""))
        .isEqualTo(new Attribute("actor.level > 2\n    && resource.size < 10"));
  }

  @Test
  void celMayStartWithAStringOrAParenthesisFollowedByAnOperator() {
    assertThat(body("\"x\" if \"a\" in [\"a\"] and (resource.size + 1) > 2;"))
        .isEqualTo(
            new Intersection(
                List.of(
                    new Attribute("\"a\" in [\"a\"]"), new Attribute("(resource.size + 1) > 2"))));
  }

  @Test
  void andOrInsideCelStringsAndAfterDotsStayCel() {
    assertThat(body("\"x\" if resource.size > 1 && 'a and b' != 'c or d';"))
        .isEqualTo(new Attribute("resource.size > 1 && 'a and b' != 'c or d'"));
  }

  @Test
  void groupingChangesTheShape() {
    assertThat(body("\"x\" if (\"a\" or \"b\") and \"c\";"))
        .isEqualTo(
            new Intersection(
                List.of(
                    new Union(List.of(new Computed("a"), new Computed("b"))), new Computed("c"))));
    assertThat(body("\"x\" if \"a\" or \"b\" and \"c\";"))
        .isEqualTo(
            new Union(
                List.of(
                    new Computed("a"),
                    new Intersection(List.of(new Computed("b"), new Computed("c"))))));
  }

  @Test
  void relationSubjectTypesAreAsWrittenWithoutDuplicates() {
    Compilation c =
        compile(
            """
            actor User {}
            actor Group { relations = { member: User | Group#member | User:* | User }; }
            """);
    TestPolicies.assertCompiles(c);
    assertThat(c.policy().relation("Group", "member").subjectTypes())
        .containsExactly(
            SubjectType.object("User"),
            SubjectType.userset("Group", "member"),
            SubjectType.wildcard("User"));
  }

  @Test
  void nestedGroupsAndInheritanceThroughRelationsAreNotCycles() {
    Compilation c =
        compile(
            """
            actor User {}
            actor Group { relations = { member: User | Group#member }; }
            resource Folder {
              roles = ["viewer"];
              relations = { parent: Folder };
              "viewer" if "viewer" on "parent";
            }
            """);
    TestPolicies.assertCompiles(c);
  }
}
