package dev.warden.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The id rules of docs/data-format.md ("Ids") and the quoting of the grant text form. */
class IdsTest {

  /** Every character the text form gives a meaning to, spaces, and text beyond ASCII. */
  private static final String ALPHABET = "ab:#@\"\\[]{} *%/|.+-=_\u00a0é日本\uD83D\uDE00\u200Dz";

  @ParameterizedTest
  @ValueSource(
      strings = {
        "john@smith.com",
        "a|b",
        "a#b",
        "with space",
        " leading",
        "%2F/path/to/file",
        "\"quoted\"",
        "back\\slash",
        "[x]",
        "日本語",
        "a:b:c",
        "*a",
        "\uD83D\uDC68\u200D\uD83D\uDC69"
      })
  void freeIdsAreValid(String id) {
    assertThat(Names.idProblem(id)).isNull();
    assertThat(EntityRef.of("Document", id).id()).isEqualTo(id);
    assertThat(SubjectRef.of("User", id).id()).isEqualTo(id);
  }

  @Test
  void controlCharactersAndSeparatorsAreRefusedWithTheirCodePoint() {
    assertThat(Names.idProblem("a\tb"))
        .isEqualTo("contains the control character U+0009 at index 1");
    assertThat(Names.idProblem("ab\n"))
        .isEqualTo("contains the control character U+000A at index 2");
    assertThat(Names.idProblem("a\u2028")).contains("U+2028 at index 1");
    assertThat(Names.idProblem("\u0000")).contains("U+0000");
    assertThat(Names.idProblem("")).isEqualTo("is empty");
  }

  @Test
  void theLimitIs1024BytesOfUtf8NeverTruncated() {
    String ascii = "u".repeat(1023) + "@";
    assertThat(EntityRef.of("User", ascii).id()).isEqualTo(ascii);
    assertThatThrownBy(() -> EntityRef.of("User", ascii + "x"))
        .isInstanceOf(WardenException.class)
        .hasMessageEndingWith("is 1025 bytes in UTF-8, more than the 1024 allowed")
        .hasMessageStartingWith("User id `" + "u".repeat(48) + "…(1025 characters)`");
    assertThat(Names.idProblem("é".repeat(512))).isNull();
    assertThat(Names.idProblem("é".repeat(512) + "a")).contains("1025 bytes");
    assertThat(Names.idProblem("日".repeat(341) + "a")).isNull();
    assertThat(Names.idProblem("日".repeat(342))).contains("1026 bytes");
    assertThat(Names.idProblem("\uD83D\uDE00".repeat(256))).isNull();
    assertThat(Names.idProblem("\uD83D\uDE00".repeat(256) + "a")).contains("1025 bytes");
  }

  @Test
  void emailIdsAreQuotedInTheTextForm() {
    Grant g = Grant.parse("Document:q3#viewer@User:\"john@smith.com\"");
    assertThat(g.subject()).isEqualTo(SubjectRef.of("User", "john@smith.com"));
    assertThat(g.toString()).isEqualTo("Document:q3#viewer@User:\"john@smith.com\"");
    Grant escaped =
        Grant.parse("Document:\"a\\\"b \\\\c\"#viewer@Group:\"eng#1\"#member [c {\"k\":1}]");
    assertThat(escaped.resource().id()).isEqualTo("a\"b \\c");
    assertThat(escaped.subject()).isEqualTo(SubjectRef.userset("Group", "eng#1", "member"));
    assertThat(escaped.condition().context()).isEqualTo(Map.of("k", 1L));
    assertThat(Grant.parse(escaped.toString())).isEqualTo(escaped);
    assertThat(Grant.parse("Doc:\"x\"#v@User:\"larry\""))
        .isEqualTo(Grant.parse("Doc:x#v@User:larry"));
    assertThat(Grant.parse("Doc:\"x\"#v@User:\"larry\"").toString())
        .isEqualTo("Doc:x#v@User:larry");
    assertThat(SubjectRef.parse("Group:\"a@b\"#member"))
        .isEqualTo(SubjectRef.userset("Group", "a@b", "member"));
  }

  @Test
  void bareIdsKeepTheirOldMeaning() {
    Grant g = Grant.parse("  Doc:a:b/c%20*#viewer@User:* [cond]");
    assertThat(g.resource().id()).isEqualTo("a:b/c%20*");
    assertThat(g.subject().isWildcard()).isTrue();
    assertThat(g.toString()).isEqualTo("Doc:a:b/c%20*#viewer@User:* [cond]");
    assertThat(Grant.parse("Repository:oso#contributor@Group:eng#member").toString())
        .isEqualTo("Repository:oso#contributor@Group:eng#member");
  }

  @Test
  void anUnquotedAtIsRefusedWithTheColumnAndTheQuotedForm() {
    assertThatThrownBy(() -> Grant.parse("Document:q3#viewer@User:john@smith.com"))
        .isInstanceOf(WardenException.class)
        .hasMessage(
            "grant `Document:q3#viewer@User:john@smith.com` at column 29: unexpected `@` after"
                + " the subject; quote the id: User:\"john@smith.com\"");
    assertThatThrownBy(() -> Grant.parse("Group:a@b.org#member@User:ann"))
        .hasMessage(
            "grant `Group:a@b.org#member@User:ann` at column 8: expected `#relation` after the"
                + " resource, found `@`; quote the id: Group:\"a@b.org\"");
    assertThatThrownBy(() -> Grant.parse("Doc:x#v@Group:a@b.org#member [c]"))
        .hasMessageEndingWith("quote the id: Group:\"a@b.org\"#member");
    assertThatThrownBy(() -> Grant.parse("Doc:my doc#v@User:ann"))
        .hasMessageContaining("at column 7")
        .hasMessageEndingWith("quote the id: Doc:\"my doc\"");
  }

  @Test
  void malformedQuotesAndTheWildcardAreRefusedPrecisely() {
    assertThatThrownBy(() -> Grant.parse("Doc:x#v@User:\"*\""))
        .hasMessageContaining("at column 14: the id `*` is reserved for the wildcard");
    assertThatThrownBy(() -> Grant.parse("Doc:\"abc#v@User:x"))
        .hasMessageContaining("at column 5: the quoted id has no closing `\"`");
    assertThatThrownBy(() -> Grant.parse("Doc:\"a\\nb\"#v@User:x"))
        .hasMessageContaining("at column 7: unknown escape in a quoted id");
    assertThatThrownBy(() -> Grant.parse("Doc:*#v@User:x"))
        .hasMessageContaining("at column 5: `Doc:*` is a wildcard, not an entity");
    assertThatThrownBy(() -> Grant.parse("Doc:\"\"#v@User:x"))
        .hasMessageContaining("Doc id `` is empty");
    assertThatThrownBy(() -> Grant.parse("Doc:\"a\tb\"#v@User:x"))
        .hasMessageContaining("control character U+0009");
    assertThatThrownBy(() -> Grant.parse("Doc:x#v@User:ann [c"))
        .hasMessageContaining("the condition needs a closing `]`");
  }

  /** Thousands of random ids, every reserved character among them: the text form is lossless. */
  @Test
  void renderAndParseAreInverses() {
    Random random = new Random(1024);
    for (int i = 0; i < 5000; i++) {
      String resourceId = randomId(random);
      String subjectId = randomId(random);
      SubjectRef subject =
          switch (i % 3) {
            case 0 -> SubjectRef.of("User", subjectId);
            case 1 -> SubjectRef.userset("Group", subjectId, "member");
            default -> SubjectRef.wildcard("User");
          };
      GrantCondition condition = i % 4 == 0 ? new GrantCondition("c", Map.of("k", "v]")) : null;
      Grant g = new Grant(EntityRef.of("Doc", resourceId), "viewer", subject, condition);
      String text = g.toString();
      assertThat(Grant.parse(text)).as(text).isEqualTo(g);
      assertThat(Grant.parse(text).toString()).as(text).isEqualTo(text);
      assertThat(SubjectRef.parse(GrantSyntax.formatSubject(subject))).isEqualTo(subject);
    }
  }

  private static String randomId(Random random) {
    String id;
    do {
      id = RandomText.of(random, ALPHABET, 12);
    } while (id.isEmpty() || id.equals(Names.WILDCARD));
    return id;
  }
}
