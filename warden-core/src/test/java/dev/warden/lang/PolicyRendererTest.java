package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

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
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import dev.warden.pbt.ScenarioGenerator;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Rendering a model as Warden source and compiling it gives the model back, up to the documented
 * normalisation: for the generator's random policies and for every policy the tests know.
 */
class PolicyRendererTest {

  private static final int SCENARIOS = Integer.getInteger("warden.pbt.scenarios", 300);

  @TestFactory
  Stream<DynamicTest> randomPoliciesRoundTrip() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> 4_000_000L + i)
        .map(
            seed ->
                dynamicTest(
                    "seed " + seed,
                    () -> roundTrips(ScenarioGenerator.generate(seed, 1).policy())));
  }

  @TestFactory
  Stream<DynamicTest> knownPoliciesRoundTrip() {
    List<SourceFile> all = new ArrayList<>(TestPolicies.corpus());
    all.add(TestPolicies.example("llm"));
    return all.stream()
        .filter(s -> !PolicyCompiler.compile(s).hasErrors())
        .map(
            s ->
                dynamicTest(s.name(), () -> roundTrips(PolicyCompiler.compile(s).policyOrThrow())));
  }

  @Test
  void theExamplesAllCompile() {
    for (String name : List.of("quickstart", "full", "llm")) {
      assertThat(PolicyCompiler.compile(TestPolicies.example(name)).hasErrors()).as(name).isFalse();
    }
  }

  @Test
  void whatTheLanguageCannotTellApartIsNormalised() {
    Rewrite nested =
        new Exclusion(
            new Intersection(
                List.of(new Exclusion(new Computed("a"), new Computed("b")), new Computed("c"))),
            new Attribute("resource.x"));
    Rewrite unions =
        new Union(
            List.of(
                new Union(List.of(new Computed("a"), new Computed("b"))),
                new TupleToUserset("parent", "a")));
    Policy p = policy(permission("v", nested), permission("w", unions));
    String text = PolicyRenderer.render(p);
    assertThat(text)
        .contains("\"v\" if \"a\" and not \"b\" and \"c\" and not (resource.x);")
        .contains("\"w\" if (\"a\" or \"b\") or \"a\" on \"parent\";");
    RelationDef v = PolicyRenderer.normalised(p).relation("Doc", "v");
    assertThat(v.rules().get(0).body())
        .isEqualTo(
            new Exclusion(
                new Intersection(
                    List.of(new Computed("a"), new Computed("c"), new Attribute("!(resource.x)"))),
                new Computed("b")));
    roundTrips(p);
  }

  @Test
  void theAllArrowRendersAndKeepsItsMeaning() {
    Policy all = policy(permission("v", TupleToUserset.all("parent", "a")));
    Policy any = policy(permission("v", new TupleToUserset("parent", "a")));
    assertThat(PolicyRenderer.render(all)).contains("\"v\" if \"a\" on all \"parent\";");
    assertThat(PolicyRenderer.render(any)).contains("\"v\" if \"a\" on \"parent\";");
    roundTrips(all);
    assertThat(PolicyRenderer.sameMeaning(all, any)).isFalse();
    assertThat(PolicyRenderer.sameMeaning(all, all)).isTrue();
  }

  @Test
  void aRoleTheLanguageWouldNotDeriveCannotBeWritten() {
    RelationDef role =
        new RelationDef("owner", RelationKind.ROLE, List.of(SubjectType.object("Doc")), List.of());
    assertThatThrownBy(() -> PolicyRenderer.render(policy(role)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("a Warden role takes [User, User:*]");
  }

  @Test
  void aNameTheLanguageCannotSpellIsRefused() {
    assertThatThrownBy(
            () -> PolicyRenderer.render(policy(permission("can-view", new Computed("a")))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("`can-view`");
  }

  @Test
  void thisRoundTripsAndAPermissionCannotUseIt() {
    Rewrite thisAndNotA = new Rewrite.Exclusion(new Rewrite.Direct(), new Computed("a"));
    RelationDef viewer =
        new RelationDef(
            "viewer",
            RelationKind.RELATION,
            List.of(SubjectType.object("User")),
            List.of(new Rule(thisAndNotA, "", "")));
    roundTrips(policy(viewer));
    assertThat(PolicyRenderer.render(policy(viewer))).contains("\"viewer\" if this and not \"a\";");
    assertThatThrownBy(() -> PolicyRenderer.render(policy(permission("x", thisAndNotA))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("no grants for `this`");
  }

  private static void roundTrips(Policy p) {
    String text = PolicyRenderer.render(p);
    Compilation c = PolicyCompiler.compile(new SourceFile("rendered.warden", text));
    assertThat(c.render()).as(text).isEmpty();
    assertThat(PolicyRenderer.withoutRuleText(c.policyOrThrow()))
        .as(text)
        .isEqualTo(PolicyRenderer.withoutRuleText(PolicyRenderer.normalised(p)));
    assertThat(PolicyRenderer.render(c.policyOrThrow()))
        .as("rendering is stable")
        .isEqualTo(PolicyRenderer.render(PolicyRenderer.normalised(p)));
  }

  /** The policy with rule text and origins blanked: presentation, which the rendering rewrites. */
  private static Policy policy(RelationDef... docRelations) {
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    relations.put(
        "a",
        new RelationDef(
            "a", RelationKind.RELATION, List.of(SubjectType.object("User")), List.of()));
    relations.put(
        "b",
        new RelationDef(
            "b", RelationKind.RELATION, List.of(SubjectType.object("User")), List.of()));
    relations.put(
        "c",
        new RelationDef(
            "c", RelationKind.RELATION, List.of(SubjectType.object("User")), List.of()));
    relations.put(
        "parent",
        new RelationDef(
            "parent", RelationKind.RELATION, List.of(SubjectType.object("Doc")), List.of()));
    for (RelationDef r : docRelations) {
      relations.put(r.name(), r);
    }
    Map<String, TypeDef> types = new LinkedHashMap<>();
    types.put("User", new TypeDef("User", TypeKind.ACTOR, Map.of(), Map.of()));
    types.put(
        "Doc",
        new TypeDef(
            "Doc", TypeKind.RESOURCE, relations, Map.of("x", dev.warden.model.AttributeType.BOOL)));
    return new Policy(types, Map.of());
  }

  private static RelationDef permission(String name, Rewrite body) {
    return new RelationDef(
        name, RelationKind.PERMISSION, List.of(), List.of(new Rule(body, "", "")));
  }
}
