package dev.warden.model.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rewrite.Computed;
import dev.warden.model.Rewrite.Exclusion;
import dev.warden.model.Rewrite.TupleToUserset;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The model validator on policies built directly, as another front end would build them. */
class PolicyValidatorTest {

  private static final TypeDef USER = type("User", TypeKind.ACTOR);

  @Test
  void aSoundPolicyHasNoProblems() {
    TypeDef folder =
        type(
            "Folder",
            TypeKind.RESOURCE,
            relation("parent", RelationKind.RELATION, List.of(SubjectType.object("Folder"))),
            relation("viewer", RelationKind.RELATION, List.of(SubjectType.object("User"))),
            permission("view", new Computed("viewer"), new TupleToUserset("parent", "view")));
    assertThat(PolicyValidator.validate(policy(USER, folder))).isEmpty();
  }

  @Test
  void aSameObjectCycleIsP501AtItsFirstEdge() {
    TypeDef doc =
        type(
            "Doc",
            TypeKind.RESOURCE,
            permission("a", new Computed("b")),
            permission("b", new Computed("a")));
    List<Problem> problems = PolicyValidator.validate(policy(USER, doc));
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.P501);
    Problem p = problems.get(0);
    assertThat(p.message()).isEqualTo("`a` depends on itself on the same `Doc`: `a` -> `b` -> `a`");
    assertThat(p.location())
        .isEqualTo(new Location.Part("Doc", "a", 0, List.of(), Location.Focus.WHOLE));
  }

  @Test
  void aCycleThroughAnExclusionIsP502() {
    TypeDef folder =
        type(
            "Folder",
            TypeKind.RESOURCE,
            relation("parent", RelationKind.RELATION, List.of(SubjectType.object("Folder"))),
            relation("viewer", RelationKind.RELATION, List.of(SubjectType.object("User"))),
            permission(
                "view",
                new Exclusion(new Computed("viewer"), new TupleToUserset("parent", "view"))));
    List<Problem> problems = PolicyValidator.validate(policy(USER, folder));
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.P502);
    assertThat(problems.get(0).message())
        .isEqualTo("`Folder#view` depends on itself through `not`: `Folder#view` -> `Folder#view`");
    assertThat(problems.get(0).location())
        .isEqualTo(new Location.Part("Folder", "view", 0, List.of(1), Location.Focus.WHOLE));
  }

  @Test
  void anOnTargetThatDeclaresNothingOfThatNameIsP401() {
    TypeDef doc =
        type(
            "Doc",
            TypeKind.RESOURCE,
            relation("parent", RelationKind.RELATION, List.of(SubjectType.object("User"))),
            permission("view", new TupleToUserset("parent", "veiw")));
    List<Problem> problems = PolicyValidator.validate(policy(USER, doc));
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.P401);
    Problem p = problems.get(0);
    assertThat(p.message()).isEqualTo("no type related through `parent` declares `veiw`");
    assertThat(p.hint()).isEqualTo("`parent` points to `User`");
    assertThat(p.unknown()).isEqualTo("veiw");
    assertThat(p.location())
        .isEqualTo(new Location.Part("Doc", "view", 0, List.of(), Location.Focus.COMPUTED));
  }

  @Test
  void onAndOnAllFollowARelationToUsersetsToTheirObjects() {
    TypeDef team =
        type(
            "Team",
            TypeKind.RESOURCE,
            relation("member", RelationKind.RELATION, List.of(SubjectType.object("User"))),
            relation("lead", RelationKind.RELATION, List.of(SubjectType.object("User"))));
    TypeDef doc =
        type(
            "Doc",
            TypeKind.RESOURCE,
            relation("team", RelationKind.RELATION, List.of(SubjectType.userset("Team", "member"))),
            permission(
                "view", new TupleToUserset("team", "lead"), TupleToUserset.all("team", "lead")),
            permission("typo", TupleToUserset.all("team", "led")));
    List<Problem> problems = PolicyValidator.validate(policy(USER, team, doc));
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.P401);
    assertThat(problems.get(0).message())
        .isEqualTo("no type related through `team` declares `led`");
  }

  @Test
  void onMustFollowARelationOfTheTypeWithoutWildcards() {
    TypeDef doc =
        type(
            "Doc",
            TypeKind.RESOURCE,
            relation("owner", RelationKind.ROLE, List.of(SubjectType.object("User"))),
            relation(
                "group",
                RelationKind.RELATION,
                List.of(SubjectType.userset("User", "x"), SubjectType.wildcard("User"))),
            relation("x", RelationKind.RELATION, List.of(SubjectType.object("User"))),
            permission(
                "view",
                new TupleToUserset("owner", "x"),
                new TupleToUserset("group", "x"),
                new TupleToUserset("missing", "x")));
    List<Problem> problems = PolicyValidator.validate(policy(USER, doc));
    assertThat(problems)
        .extracting(Problem::code)
        .containsExactly(ProblemCode.P305, ProblemCode.P402, ProblemCode.P402, ProblemCode.P304);
    assertThat(problems.get(1).message()).isEqualTo("`on` needs a relation, but `owner` is a role");
    assertThat(problems.get(2).message())
        .isEqualTo("`on` cannot follow `group`, which allows wildcards");
    assertThat(problems.get(3).message()).isEqualTo("unknown relation `missing` on `Doc`");
    assertThat(problems.get(3).location())
        .isEqualTo(new Location.Part("Doc", "view", 2, List.of(), Location.Focus.TUPLESET));
  }

  @Test
  void unknownTypesAndRelationsAreReported() {
    TypeDef doc =
        type(
            "Doc",
            TypeKind.RESOURCE,
            relation("owner", RelationKind.RELATION, List.of(SubjectType.object("Team"))),
            permission("view", new Computed("viewer")));
    List<Problem> problems = PolicyValidator.validate(policy(USER, doc));
    assertThat(problems)
        .extracting(Problem::code)
        .containsExactly(ProblemCode.P301, ProblemCode.P302);
    assertThat(problems.get(0).location()).isEqualTo(new Location.Subject("Doc", "owner", 0));
    assertThat(problems.get(1).message()).isEqualTo("unknown role or permission `viewer` on `Doc`");
  }

  @Test
  void aPartialTypeIsNotSaidToLackANameAndStrayRulesAreChecked() {
    TypeDef doc = type("Doc", TypeKind.RESOURCE, permission("view", new Computed("viewer")));
    Rule stray =
        new Rule(new TupleToUserset("nowhere", "x"), "\"edit\" if \"x\" on \"nowhere\"", "");
    Recovery recovery =
        new Recovery(Set.of("Doc"), List.of(new Recovery.StrayRule("User", "edit", stray)), null);
    List<Problem> problems = PolicyValidator.validate(policy(USER, doc), recovery);
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.P304);
    assertThat(problems.get(0).location())
        .isEqualTo(new Location.Part("User", "edit", 0, List.of(), Location.Focus.TUPLESET));
  }

  @Test
  void rolesReachActorUsersetsThroughOneHub() {
    TypeDef team =
        type(
            "Team",
            TypeKind.ACTOR,
            relation("member", RelationKind.RELATION, List.of(SubjectType.object("Doc"))));
    List<SubjectType> roleSubjects = List.of(SubjectType.userset("Team", "member"));
    TypeDef doc =
        type(
            "Doc",
            TypeKind.RESOURCE,
            relation("reader", RelationKind.ROLE, roleSubjects),
            permission("view", new Computed("reader")));
    TypeDef teamWithRule =
        type(
            "Team",
            TypeKind.ACTOR,
            relation("docs", RelationKind.RELATION, List.of(SubjectType.object("Doc"))),
            new RelationDef(
                "member",
                RelationKind.RELATION,
                List.of(SubjectType.object("Doc")),
                List.of(
                    rule(
                        new Exclusion(
                            new Rewrite.Attribute("true"),
                            new TupleToUserset("docs", "reader"))))));
    assertThat(PolicyValidator.validate(policy(team, doc))).isEmpty();
    List<Problem> problems = PolicyValidator.validate(policy(teamWithRule, doc));
    assertThat(problems).extracting(Problem::code).containsExactly(ProblemCode.P502);
    assertThat(problems.get(0).message())
        .isEqualTo(
            "`Team#member` depends on itself through `not`: `Team#member` -> `Doc#reader` -> (an"
                + " actor userset) -> `Team#member`");
  }

  // --- building policies ------------------------------------------------------------------

  private static Policy policy(TypeDef... types) {
    Map<String, TypeDef> byName = new LinkedHashMap<>();
    for (TypeDef t : types) {
      byName.put(t.name(), t);
    }
    return new Policy(byName, Map.of());
  }

  private static TypeDef type(String name, TypeKind kind, RelationDef... relations) {
    Map<String, RelationDef> byName = new LinkedHashMap<>();
    for (RelationDef r : relations) {
      byName.put(r.name(), r);
    }
    return new TypeDef(name, kind, byName, Map.of());
  }

  private static RelationDef relation(String name, RelationKind kind, List<SubjectType> subjects) {
    return new RelationDef(name, kind, subjects, List.of());
  }

  private static RelationDef permission(String name, Rewrite... bodies) {
    return new RelationDef(
        name,
        RelationKind.PERMISSION,
        List.of(),
        java.util.Arrays.stream(bodies).map(PolicyValidatorTest::rule).toList());
  }

  private static Rule rule(Rewrite body) {
    return new Rule(body, body.toString(), "");
  }
}
