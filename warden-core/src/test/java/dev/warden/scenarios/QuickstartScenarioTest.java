package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Explanation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The seed scenario: the quickstart repository policy, where roles imply each other and permissions
 * come from roles, and an attribute rule added later opens public repositories.
 */
class QuickstartScenarioTest {

  static final Path POLICY = Path.of("../examples/quickstart/policy.warden");

  static boolean allowed(Warden w, String actor, String action, String resource) {
    return w.check(CheckRequest.of(actor, action, resource)).allowed();
  }

  static Warden quickstart() {
    Warden w = Warden.builder().policy(POLICY).build();
    w.grant(
        "Repository:gmail#admin@User:larry",
        "Repository:react#maintainer@User:anne",
        "Repository:oso#contributor@User:graham");
    return w;
  }

  @Test
  void rolesImplyEachOtherAndPermissionsFollowRoles() {
    try (Warden w = quickstart()) {
      assertThat(allowed(w, "User:larry", "read", "Repository:gmail")).isTrue();
      assertThat(allowed(w, "User:larry", "push", "Repository:gmail")).isTrue();
      assertThat(allowed(w, "User:larry", "delete", "Repository:gmail")).isTrue();
      assertThat(allowed(w, "User:anne", "push", "Repository:react")).isTrue();
      assertThat(allowed(w, "User:anne", "delete", "Repository:react")).isFalse();
      assertThat(allowed(w, "User:graham", "read", "Repository:oso")).isTrue();
      assertThat(allowed(w, "User:graham", "push", "Repository:oso")).isFalse();
      assertThat(allowed(w, "User:larry", "read", "Repository:react")).isFalse();
    }
  }

  @Test
  void larryMayReadReactOnlyOnceThePublicRuleExistsAndReactIsPublic() throws IOException {
    try (Warden w = quickstart()) {
      assertThat(allowed(w, "User:larry", "read", "Repository:gmail")).isTrue();
      assertThat(allowed(w, "User:larry", "read", "Repository:react")).isFalse();

      String withRule =
          Files.readString(POLICY)
              .replace(
                  "\"read\" if \"contributor\";",
                  "\"read\" if \"contributor\";\n  \"read\" if resource.is_public;");
      assertThat(withRule).contains("\"read\" if resource.is_public;");
      w.activate(Warden.builder().policy("policy.warden", withRule).build().policy());

      // The rule exists, but react is not known to be public: still denied, and the
      // explanation names the missing attribute.
      assertThat(allowed(w, "User:larry", "read", "Repository:react")).isFalse();
      Explanation why = w.explain(CheckRequest.of("User:larry", "read", "Repository:react"));
      assertThat(why.root().render()).contains("attribute resource.is_public missing");

      w.setAttributes(EntityRef.of("Repository", "react"), Map.of("is_public", true));
      assertThat(allowed(w, "User:larry", "read", "Repository:react")).isTrue();
      assertThat(allowed(w, "User:larry", "push", "Repository:react")).isFalse();

      w.setAttributes(EntityRef.of("Repository", "react"), Map.of("is_public", false));
      assertThat(allowed(w, "User:larry", "read", "Repository:react")).isFalse();
    }
  }
}
