package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.Policy;
import dev.warden.model.SubjectType;
import org.junit.jupiter.api.Test;

/** Which subjects roles accept, and why that keeps role rules with `not` legal. */
class RoleSubjectsTest {

  static final String SOURCE =
      """
      actor User {
        roles = ["a", "b", "c"];
        "a" if "b" and not "c";
      }

      actor Group {
        roles = ["owner"];
        relations = { member: User | Group#member };
      }

      resource Doc {
        roles = ["reader"];
      }
      """;

  @Test
  void rolesAcceptActorsWildcardsAndUsersetsOfActorRelationsOnly() {
    Compilation c = PolicyCompiler.compile(new SourceFile("roles.warden", SOURCE));
    assertThat(c.render()).isEmpty();
    Policy p = c.policyOrThrow();
    assertThat(p.relation("Doc", "reader").subjectTypes())
        .containsExactly(
            SubjectType.object("User"),
            SubjectType.wildcard("User"),
            SubjectType.object("Group"),
            SubjectType.wildcard("Group"),
            SubjectType.userset("Group", "member"));
  }
}
