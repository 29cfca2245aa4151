package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A policy that declares no resource type would deny every check; it is never activated. */
class PolicyActivationTest {

  private static Policy compile(String source) {
    return PolicyCompiler.compile(new SourceFile("p.warden", source)).policyOrThrow();
  }

  private static Warden underV1() {
    Warden w =
        Warden.builder()
            .policy(compile("actor User {}\nresource Document { roles = [\"viewer\"]; }\n"))
            .build();
    w.grant("Document:1#viewer@User:jon");
    return w;
  }

  private static boolean allowed(Warden w, String user, String doc) {
    return w.check(CheckRequest.of(user, "viewer", doc)).allowed();
  }

  @Test
  void aPolicyWithoutResourceTypesCannotBeActivated() {
    try (Warden w = underV1()) {
      for (String empty : List.of("", "# nothing yet\n", "actor User {}\n")) {
        assertThatThrownBy(() -> w.activate(compile(empty)))
            .as(empty)
            .isInstanceOf(WardenException.class)
            .satisfies(
                e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_POLICY))
            .hasMessage(
                "the policy declares no resource type, so it would deny every check; declare at"
                    + " least one `resource` before activating it");
      }
      assertThat(allowed(w, "User:jon", "Document:1")).as("the old policy stays active").isTrue();
    }
  }
}
