package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestionsTest {

  private static final List<String> ROLES = List.of("contributor", "maintainer", "admin", "a");

  @Test
  void suggestsTheClosestNameWithinAFewEdits() {
    assertThat(Suggestions.closest("maintaner", ROLES)).isEqualTo("maintainer");
    assertThat(Suggestions.closest("admni", ROLES)).isEqualTo("admin");
    assertThat(Suggestions.closest("Admin", ROLES)).isEqualTo("admin");
    assertThat(Suggestions.hint("contribtor", ROLES)).isEqualTo("did you mean `contributor`?");
    assertThat(Suggestions.didYouMean("contribtor", ROLES))
        .isEqualTo("; did you mean `contributor`?");
    assertThat(Suggestions.didYouMean("owner", ROLES)).isEmpty();
  }

  @Test
  void suggestsNothingFarOrTrivial() {
    assertThat(Suggestions.closest("owner", ROLES)).isNull();
    assertThat(Suggestions.closest("b", ROLES)).isNull();
    assertThat(Suggestions.closest("admin", ROLES)).isNull();
    assertThat(Suggestions.closest("x", List.of())).isNull();
  }

  @Test
  void distanceCountsTranspositionsAsOneEditAndStopsEarly() {
    assertThat(Suggestions.distance("abcd", "abdc", 5)).isEqualTo(1);
    assertThat(Suggestions.distance("kitten", "sitting", 5)).isEqualTo(3);
    assertThat(Suggestions.distance("kitten", "sitting", 1)).isEqualTo(2);
    assertThat(Suggestions.distance("a", "a".repeat(100), 3)).isEqualTo(4);
  }
}
