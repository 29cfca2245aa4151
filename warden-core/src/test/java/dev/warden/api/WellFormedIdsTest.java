package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Ids are stored as UTF-8, where a lone UTF-16 surrogate has no encoding: a store would write
 * {@code ?} instead, so {@code doc\uD800} and {@code doc\uDC00} would both land on {@code doc?}.
 * Such ids are rejected wherever they enter.
 */
class WellFormedIdsTest {

  private static final String HIGH = "doc\uD800";
  private static final String LOW = "doc\uDC00x";

  @Test
  void idsWithALoneSurrogateAreRejectedWithAPreciseMessage() {
    assertThatThrownBy(() -> EntityRef.of("Document", HIGH))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
        .hasMessage(
            "Document id `doc\\uD800` is not well-formed Unicode: a lone UTF-16 surrogate"
                + " U+D800 at index 3");
    assertThatThrownBy(() -> SubjectRef.of("User", LOW))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("lone UTF-16 surrogate U+DC00 at index 3");
    assertThatThrownBy(() -> SubjectRef.userset("Group", HIGH, "member"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("not well-formed Unicode");
    assertThatThrownBy(() -> Grant.parse("Document:" + HIGH + "#viewer@User:jon"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("not well-formed Unicode");
    assertThatThrownBy(
            () ->
                CheckRequest.builder(
                        EntityRef.of("User", "jon"), "read", EntityRef.of("Document", "a"))
                    .tenant("acme\uDBFF")
                    .build())
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("tenant id `acme\\uDBFF` is not well-formed Unicode");
  }

  @Test
  void surrogatePairsAndOtherUnicodeStayValid() {
    String emoji = "doc-\uD83D\uDE00-é-日本";
    assertThat(EntityRef.of("Document", emoji).id()).isEqualTo(emoji);
    assertThat(Names.idProblem(emoji)).isNull();
    for (String bad : List.of("\uD800", "\uDC00", "a\uDC00\uD800b", "x\uD83D")) {
      assertThat(Names.idProblem(bad)).as(bad).contains("lone UTF-16 surrogate");
    }
  }
}
