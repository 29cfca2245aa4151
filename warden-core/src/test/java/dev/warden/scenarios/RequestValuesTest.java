package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Just-in-time attributes and request context values are checked against the policy, as stored
 * attributes are: before, a misspelt attribute or a wrongly typed one read as missing and silently
 * denied, and a condition parameter sent as a string was ignored. Each case failed (no exception)
 * before RequestValidator.
 */
class RequestValuesTest {

  private static final String POLICY =
      """
      actor User { attributes = { level: int, team: string }; }
      actor Bot {}
      resource Doc {
        roles = ["viewer"];
        permissions = ["read", "open"];
        attributes = { public: bool };
        "read" if "viewer" or actor.level > 3;
        "open" if resource.public;
      }
      condition under(limit: int) { limit < 10 }
      """;

  private static Warden warden() {
    return Warden.builder().policy("r.warden", POLICY).build();
  }

  private static CheckRequest.Builder read() {
    return CheckRequest.builder(EntityRef.of("User", "ann"), "read", EntityRef.of("Doc", "a"));
  }

  private static void rejected(Warden w, CheckRequest r, String message) {
    assertThatThrownBy(() -> w.check(r))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessageContaining(message);
  }

  @Test
  void aMisspeltActorAttributeIsRejectedWithItsPathAndASuggestion() {
    try (Warden w = warden()) {
      rejected(
          w,
          read().actorAttributes(Map.of("levl", 5)).build(),
          "`actor.attributes.levl`: `User` declares no attribute `levl`; did you mean `level`?");
    }
  }

  @Test
  void aWronglyTypedAttributeIsRejectedNamingTheDeclaredType() {
    try (Warden w = warden()) {
      rejected(
          w,
          read().actorAttributes(Map.of("level", "5")).build(),
          "`actor.attributes.level` must be int, not string");
      rejected(
          w,
          read().resourceAttributes(Map.of("public", "yes")).build(),
          "`resource.attributes.public` must be bool, not string");
      rejected(
          w,
          read().actorAttributes(Map.of("level", 1.5)).build(),
          "`actor.attributes.level` must be int, not double");
    }
  }

  @Test
  void anActorTypeWithoutAttributesTakesNone() {
    try (Warden w = warden()) {
      CheckRequest r =
          CheckRequest.builder(EntityRef.of("Bot", "b"), "read", EntityRef.of("Doc", "a"))
              .actorAttributes(Map.of("level", 9))
              .build();
      rejected(w, r, "`actor.attributes.level`: `Bot` declares no attribute `level`");
    }
  }

  @Test
  void wellTypedAttributesStillDecide() {
    try (Warden w = warden()) {
      assertThat(w.check(read().actorAttributes(Map.of("level", 5)).build()).allowed()).isTrue();
      assertThat(w.check(read().actorAttributes(Map.of("level", 2)).build()).allowed()).isFalse();
      CheckRequest open =
          CheckRequest.builder(EntityRef.of("User", "ann"), "open", EntityRef.of("Doc", "a"))
              .resourceAttributes(Map.of("public", true))
              .build();
      assertThat(w.check(open).allowed()).isTrue();
    }
  }

  @Test
  void aContextValueNamedLikeAParameterMustFitItsType() {
    try (Warden w = warden()) {
      rejected(
          w,
          read().context(Map.of("limit", "3")).build(),
          "`context.limit` must be int (a condition parameter), not string");
      // A free-form key is not a parameter, so any value goes.
      assertThat(w.check(read().context(Map.of("ip", 10)).build()).allowed()).isFalse();
    }
  }

  @Test
  void aLoneSurrogateInAnyRequestStringIsRejected() {
    try (Warden w = warden()) {
      rejected(
          w,
          read().actorAttributes(Map.of("team", "a\ud800")).build(),
          "`actor.attributes.team` holds a string that is not well-formed Unicode");
      rejected(
          w,
          read().context(Map.of("note", List.of("ok", "\udc00"))).build(),
          "`context.note` holds a string that is not well-formed Unicode");
    }
  }

  @Test
  void aLoneSurrogateInAStoredAttributeIsRejectedAndNothingIsWritten() {
    try (Warden w = warden()) {
      assertThatThrownBy(
              () -> w.setAttributes(EntityRef.of("User", "ann"), Map.of("team", "x\ud801")))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("`team` holds a string that is not well-formed Unicode");
      assertThat(w.revision()).isZero();
    }
  }

  @Test
  void bulkChecksNameTheItem() {
    try (Warden w = warden()) {
      assertThatThrownBy(
              () ->
                  w.checkBulk(
                      List.of(read().build(), read().actorAttributes(Map.of("lvl", 1)).build())))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("`checks[1].actor.attributes.lvl`");
    }
  }

  @Test
  void lookupsCheckTheirValuesToo() {
    try (Warden w = warden()) {
      LookupResourcesRequest r =
          new LookupResourcesRequest(
              EntityRef.of("User", "ann"),
              "read",
              "Doc",
              null,
              Map.of("level", "high"),
              Map.of(),
              List.of(),
              false,
              null,
              10,
              dev.warden.api.Consistency.latest());
      assertThatThrownBy(() -> w.lookupResources(r))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("`actor.attributes.level` must be int, not string");
    }
  }
}
