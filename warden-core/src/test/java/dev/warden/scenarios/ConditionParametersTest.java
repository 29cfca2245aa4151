package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Condition parameters: mistyped values are rejected when the grant is written; a parameter nobody
 * supplies is unknown, and a condition holds exactly when it is true whatever the missing value
 * would be (Kleene logic, see docs/language.md).
 */
class ConditionParametersTest {

  private static final String POLICY =
      """
      actor User {}
      resource Doc {
        roles = ["viewer"];
        permissions = ["read"];
        "read" if "viewer";
      }
      condition either(x: double, y: int) { x < 100.0 || y < 50 }
      condition both(x: double, y: int) { x < 100.0 && y < 50 }
      """;

  private static Warden warden() {
    return Warden.builder().policy("c.warden", POLICY).build();
  }

  private static CheckRequest read(String user, String doc, Map<String, ?> context) {
    return CheckRequest.builder(EntityRef.of("User", user), "read", EntityRef.of("Doc", doc))
        .context(context)
        .build();
  }

  @Test
  void aConditionTrueWhateverTheMissingValueIsHolds() {
    try (Warden w = warden()) {
      w.grant("Doc:a#viewer@User:ann [either {\"x\":10}]");
      assertThat(w.check(read("ann", "a", Map.of())).allowed()).isTrue();
    }
  }

  @Test
  void aConditionThatDependsOnTheMissingValueDoesNotHoldAndExplainNamesIt() {
    try (Warden w = warden()) {
      w.grant(
          "Doc:b#viewer@User:ann [either {\"x\":200}]", "Doc:c#viewer@User:ann [both {\"x\":10}]");
      for (String doc : new String[] {"b", "c"}) {
        Explanation e = w.explain(read("ann", doc, Map.of()));
        assertThat(e.decision().allowed()).as(doc).isFalse();
        assertThat(e.root().render()).as(doc).contains("parameter y missing");
      }
      // Supplied by the request, the value decides.
      assertThat(w.check(read("ann", "b", Map.of("y", 10))).allowed()).isTrue();
      assertThat(w.check(read("ann", "b", Map.of("y", 60))).allowed()).isFalse();
      assertThat(w.check(read("ann", "c", Map.of("y", 10))).allowed()).isTrue();
    }
  }

  @Test
  void aFalseConditionIsFalseEvenWithAParameterMissing() {
    try (Warden w = warden()) {
      w.grant("Doc:d#viewer@User:ann [both {\"x\":200}]");
      Explanation e = w.explain(read("ann", "d", Map.of()));
      assertThat(e.decision().allowed()).isFalse();
      assertThat(e.root().render()).contains("✗ both");
    }
  }

  @Test
  void aMistypedOrOutOfRangeParameterIsRejectedWhenWritten() {
    try (Warden w = warden()) {
      String[][] cases = {
        {"{\"x\":\"1.5\"}", "parameter `x` of `either` must be double, not string"},
        {"{\"x\":1,\"y\":9223372036854775808}", "parameter `y` of `either` must be int"},
        {"{\"x\":1,\"y\":1.5}", "parameter `y` of `either` must be int, not double"},
        {"{\"x\":true}", "parameter `x` of `either` must be double, not bool"},
      };
      for (String[] c : cases) {
        String text = "Doc:e#viewer@User:ann [either " + c[0] + "]";
        assertThatThrownBy(() -> w.grant(text))
            .as(text)
            .isInstanceOf(WardenException.class)
            .satisfies(
                e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_GRANT))
            .hasMessageContaining(c[1]);
        // The same grant sent with a request only is rejected the same way.
        CheckRequest contextual =
            CheckRequest.builder(EntityRef.of("User", "ann"), "read", EntityRef.of("Doc", "e"))
                .contextualGrant(Grant.parse(text))
                .build();
        assertThatThrownBy(() -> w.check(contextual))
            .as(text)
            .isInstanceOf(WardenException.class)
            .hasMessageContaining(c[1]);
      }
      assertThat(w.revision()).isZero();
    }
  }
}
