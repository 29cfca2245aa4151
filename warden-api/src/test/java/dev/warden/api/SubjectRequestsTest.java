package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Requests whose subject is a userset or a wildcard, beside the entity actors existing callers use:
 * the old constructors and {@code actor()} keep their meaning, and a subject that is no entity is
 * never passed off as one.
 */
class SubjectRequestsTest {

  private static final EntityRef DOC = EntityRef.of("Doc", "d1");

  @Test
  void anEntityActorReadsAsBefore() {
    CheckRequest old =
        new CheckRequest(
            EntityRef.of("User", "anne"),
            "read",
            DOC,
            null,
            Map.of(),
            Map.of(),
            Map.of(),
            List.of(),
            Consistency.latest());
    assertThat(old).isEqualTo(CheckRequest.of(SubjectRef.of("User", "anne"), "read", DOC));
    assertThat(old.actor()).isEqualTo(EntityRef.of("User", "anne"));
    assertThat(old.entityActor()).isTrue();
    assertThat(LookupResourcesRequest.of(EntityRef.of("User", "anne"), "read", "Doc").actor())
        .isEqualTo(EntityRef.of("User", "anne"));
  }

  @Test
  void aUsersetOrWildcardIsNoActorEntity() {
    CheckRequest userset =
        CheckRequest.of(SubjectRef.userset("Group", "eng", "member"), "read", DOC);
    assertThat(userset.entityActor()).isFalse();
    assertThatThrownBy(userset::actor)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("Group:eng#member");
    assertThatThrownBy(
            () -> LookupResourcesRequest.of(SubjectRef.wildcard("User"), "read", "Doc").actor())
        .isInstanceOf(IllegalStateException.class);
    assertThat(userset.toString()).isEqualTo("Group:eng#member read Doc:d1");
  }

  @Test
  void anIdHoldingAHashStaysAnId() {
    SubjectRef s = SubjectRef.of(EntityRef.parse("Group:x#member"));
    assertThat(s.isUserset()).isFalse();
    assertThat(s.id()).isEqualTo("x#member");
    assertThat(s).isNotEqualTo(SubjectRef.userset("Group", "x", "member"));
  }

  @Test
  void lookupSubjectsKeepsItsOldShapeAndGainsARelation() {
    LookupSubjectsRequest plain = LookupSubjectsRequest.of("read", DOC, "Group");
    assertThat(plain.subjectRelation()).isNull();
    assertThat(plain.withSubjectRelation("member").subjectRelation()).isEqualTo("member");
    assertThat(plain.withSubjectRelation("member").inTenant("t").subjectRelation())
        .isEqualTo("member");
    assertThatThrownBy(() -> plain.withSubjectRelation("no such"))
        .isInstanceOf(WardenException.class);
  }
}
