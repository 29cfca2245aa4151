package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.model.AttributeType;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EngineSmokeTest {

  static Policy policy() {
    List<SubjectType> actors =
        List.of(
            SubjectType.object("User"),
            SubjectType.wildcard("User"),
            SubjectType.userset("Group", "member"));
    TypeDef user = new TypeDef("User", TypeKind.ACTOR, Map.of(), Map.of());
    TypeDef group =
        new TypeDef(
            "Group",
            TypeKind.ACTOR,
            Map.of(
                "member",
                new RelationDef(
                    "member",
                    RelationKind.RELATION,
                    List.of(SubjectType.object("User"), SubjectType.userset("Group", "member")),
                    List.of())),
            Map.of());
    Map<String, RelationDef> repo = new LinkedHashMap<>();
    repo.put("admin", new RelationDef("admin", RelationKind.ROLE, actors, List.of()));
    repo.put(
        "reader",
        new RelationDef(
            "reader",
            RelationKind.ROLE,
            actors,
            List.of(new Rule(new Rewrite.Computed("admin"), "\"reader\" if \"admin\"", ""))));
    repo.put(
        "read",
        new RelationDef(
            "read",
            RelationKind.PERMISSION,
            List.of(),
            List.of(
                new Rule(new Rewrite.Computed("reader"), "\"read\" if \"reader\"", ""),
                new Rule(
                    new Rewrite.Attribute("resource.is_public"),
                    "\"read\" if resource.is_public",
                    ""))));
    TypeDef repository =
        new TypeDef("Repository", TypeKind.RESOURCE, repo, Map.of("is_public", AttributeType.BOOL));
    Map<String, TypeDef> types = new LinkedHashMap<>();
    types.put("User", user);
    types.put("Group", group);
    types.put("Repository", repository);
    return new Policy(types, Map.of());
  }

  @Test
  void rolesGroupsAndAttributes() {
    try (Warden w = Warden.builder().policy(policy()).build()) {
      w.grant(
          "Repository:gmail#admin@User:larry",
          "Group:eng#member@User:bob",
          "Group:all#member@Group:eng#member",
          "Repository:oso#reader@Group:all#member");
      assertThat(w.check(CheckRequest.of("User:larry", "read", "Repository:gmail")).allowed())
          .isTrue();
      assertThat(w.check(CheckRequest.of("User:bob", "read", "Repository:gmail")).allowed())
          .isFalse();
      assertThat(w.check(CheckRequest.of("User:bob", "read", "Repository:oso")).allowed()).isTrue();
      assertThat(w.check(CheckRequest.of("User:nobody", "read", "Repository:oso")).allowed())
          .isFalse();
      w.setAttributes(EntityRef.of("Repository", "react"), Map.of("is_public", true));
      assertThat(w.check(CheckRequest.of("User:nobody", "read", "Repository:react")).allowed())
          .isTrue();
      var explanation = w.explain(CheckRequest.of("User:bob", "read", "Repository:gmail"));
      assertThat(explanation.decision().allowed()).isFalse();
      assertThat(explanation.root().render()).contains("attribute resource.is_public missing");
    }
  }

  @Test
  void unknownActionIsAnErrorWithSuggestion() {
    try (Warden w = Warden.builder().policy(policy()).build()) {
      assertThatThrownBy(() -> w.check(CheckRequest.of("User:a", "reed", "Repository:x")))
          .isInstanceOf(WardenException.class)
          .hasMessage(
              "`Repository` has no permission, role or relation `reed`; did you mean `read`?")
          .extracting(e -> ((WardenException) e).code())
          .isEqualTo(ErrorCode.INVALID_REQUEST);
    }
  }
}
