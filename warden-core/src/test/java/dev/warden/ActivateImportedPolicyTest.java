package dev.warden;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite.Computed;
import dev.warden.model.Rule;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import dev.warden.store.PolicyStore;
import dev.warden.store.PolicyVersion;
import dev.warden.store.memory.MemoryStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A model built by another front end is stored and activated as its Warden rendering. */
class ActivateImportedPolicyTest {

  private static final String START = "actor User {}\nresource Doc {}\n";
  private static final String IMPORTED =
      """
      actor User {}
      resource Doc {
        permissions = ["read"];
        relations = { viewer: User };
        "read" if "viewer";
      }
      """;

  @Test
  void anImportedModelIsStoredAsItsRenderingAndEnforced() {
    Policy imported = PolicyCompiler.compile(new SourceFile("x", IMPORTED)).policyOrThrow();
    try (Warden w =
        Warden.builder().policy("start.warden", START).store(new MemoryStore()).build()) {
      PolicyVersion v = w.activateInStore("imported.warden", imported);
      w.grant("Doc:d#viewer@User:ann");

      assertThat(v.source()).isEqualTo(PolicyRenderer.render(imported));
      assertThat(PolicyStore.of(w.store()).activePolicy()).contains(v);
      assertThat(w.policyVersion()).isEqualTo(v.version());
      assertThat(
              w.check(
                      CheckRequest.of(
                          EntityRef.of("User", "ann"), "read", EntityRef.of("Doc", "d")))
                  .allowed())
          .isTrue();
    }
  }

  @Test
  void aModelWithACycleIsRefusedAndNothingIsSaved() {
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    relations.put("a", permission("a", "b"));
    relations.put("b", permission("b", "a"));
    Policy cyclic =
        new Policy(
            Map.of(
                "User", new TypeDef("User", TypeKind.ACTOR, Map.of(), Map.of()),
                "Doc", new TypeDef("Doc", TypeKind.RESOURCE, relations, Map.of())),
            Map.of());
    MemoryStore store = new MemoryStore();
    try (Warden w = Warden.builder().policy("start.warden", START).store(store).build()) {
      long before = w.revision();
      assertThatThrownBy(() -> w.activateInStore("imported.warden", cyclic))
          .isInstanceOfSatisfying(
              WardenException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_POLICY))
          .hasMessageContaining("P501");
      assertThat(store.policyVersions()).isEmpty();
      assertThat(w.revision()).isEqualTo(before);
    }
  }

  private static RelationDef permission(String name, String computed) {
    return new RelationDef(
        name,
        RelationKind.PERMISSION,
        List.of(),
        List.of(new Rule(new Computed(computed), computed, "imported")));
  }
}
