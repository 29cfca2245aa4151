package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite.Computed;
import dev.warden.model.Rule;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import dev.warden.model.validate.Problem;
import dev.warden.model.validate.ProblemCode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The facade validates every policy it activates, not only those compiled from source. */
class WardenValidateTest {

  @Test
  void aPolicyBuiltWithACycleIsNotActivated() {
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    relations.put("a", permission("a", "b"));
    relations.put("b", permission("b", "a"));
    Policy cyclic =
        new Policy(
            Map.of("Doc", new TypeDef("Doc", TypeKind.RESOURCE, relations, Map.of())), Map.of());

    assertThat(Warden.validate(cyclic)).extracting(Problem::code).containsExactly(ProblemCode.P501);
    assertThatThrownBy(() -> Warden.requireActivatable(cyclic))
        .isInstanceOfSatisfying(
            WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY))
        .hasMessageContaining("P501: `a` depends on itself on the same `Doc`: `a` -> `b` -> `a`");
    try (Warden w = Warden.builder().policy("p.warden", "actor U {}\nresource Doc {}\n").build()) {
      assertThatThrownBy(() -> w.activate(cyclic)).isInstanceOf(WardenException.class);
      assertThat(w.policy().type("Doc").relations()).isEmpty();
    }
  }

  @Test
  void everyExamplePolicyIsSound() throws Exception {
    for (String name : List.of("quickstart", "full", "llm")) {
      Path file = Path.of("..", "examples", name, "policy.warden");
      Policy p = PolicyCompiler.compile(SourceFile.read(file)).policyOrThrow();
      assertThat(Warden.validate(p)).as(name).isEmpty();
    }
  }

  private static RelationDef permission(String name, String computed) {
    return new RelationDef(
        name,
        RelationKind.PERMISSION,
        List.of(),
        List.of(new Rule(new Computed(computed), "\"" + name + "\" if \"" + computed + "\"", "")));
  }
}
