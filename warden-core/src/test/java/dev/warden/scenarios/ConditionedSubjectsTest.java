package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Subject types that require a condition ({@code User with before}): a shape listed only with
 * conditions must be granted under one of them; a shape listed plainly takes any condition or none.
 */
class ConditionedSubjectsTest {

  private static final String POLICY =
      """
      actor User {}
      actor Group { relations = { member: User }; }
      resource Doc {
        relations = {
          viewer: User with before | Group#member with before | Group#member with small,
          editor: User | User with before,
          owner: User,
        };
        permissions = ["read"];
        "read" if "viewer" or "editor" or "owner";
      }
      condition before(deadline: timestamp) { context.now < deadline }
      condition small(x: int) { x < 10 }
      """;

  private static Warden warden() {
    return Warden.builder().policy("c.warden", POLICY).build();
  }

  private static CheckRequest read(String user, String doc) {
    return CheckRequest.builder(EntityRef.of("User", user), "read", EntityRef.of("Doc", doc))
        .context(Map.of("now", "2026-01-01T00:00:00Z"))
        .build();
  }

  @Test
  void aShapeListedOnlyWithAConditionMustCarryIt() {
    try (Warden w = warden()) {
      w.grant("Doc:a#viewer@User:ann [before {\"deadline\":\"2027-01-01T00:00:00Z\"}]");
      assertThat(w.check(read("ann", "a")).allowed()).isTrue();
      String[][] refused = {
        {
          "Doc:b#viewer@User:ann",
          "`Doc#viewer` accepts `User` only with condition `before`, and the grant has none"
        },
        {
          "Doc:b#viewer@User:ann [small {\"x\":1}]",
          "`Doc#viewer` accepts `User` only with condition `before`, not `small`"
        },
        {
          "Doc:b#viewer@Group:g#member",
          "`Doc#viewer` accepts `Group#member` only with one of the conditions `before`, `small`,"
              + " and the grant has none"
        },
      };
      for (String[] c : refused) {
        assertThatThrownBy(() -> w.grant(c[0]))
            .as(c[0])
            .isInstanceOf(WardenException.class)
            .satisfies(
                e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_GRANT))
            .hasMessageContaining(c[1]);
        CheckRequest contextual =
            CheckRequest.builder(EntityRef.of("User", "ann"), "read", EntityRef.of("Doc", "b"))
                .contextualGrant(Grant.parse(c[0]))
                .build();
        assertThatThrownBy(() -> w.check(contextual))
            .as(c[0])
            .isInstanceOf(WardenException.class)
            .hasMessageContaining(c[1]);
      }
      w.grant("Doc:c#viewer@Group:g#member [small {\"x\":1}]", "Group:g#member@User:bob");
      assertThat(w.check(read("bob", "c")).allowed()).isTrue();
    }
  }

  @Test
  void aShapeListedPlainlyTakesAnyConditionOrNone() {
    try (Warden w = warden()) {
      w.grant(
          "Doc:a#editor@User:ann",
          "Doc:b#editor@User:ann [small {\"x\":1}]",
          "Doc:c#owner@User:ann [before {\"deadline\":\"2025-01-01T00:00:00Z\"}]");
      assertThat(w.check(read("ann", "a")).allowed()).isTrue();
      assertThat(w.check(read("ann", "b")).allowed()).isTrue();
      assertThat(w.check(read("ann", "c")).allowed()).isFalse();
    }
  }
}
