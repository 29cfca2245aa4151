package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LexerTest {

  private static List<Token> lex(String text) {
    Lexer lexer = new Lexer(LineMap.of(text));
    List<Token> tokens = new ArrayList<>();
    Token t;
    do {
      t = lexer.next();
      tokens.add(t);
    } while (t.kind() != TokenKind.EOF);
    return tokens;
  }

  private static List<String> kinds(String text) {
    return lex(text).stream()
        .map(t -> t.kind() + (t.text().isEmpty() ? "" : ":" + t.text()))
        .toList();
  }

  @Test
  void hashDirectlyAfterANameIsTheUsersetSeparator() {
    assertThat(kinds("Group#member")).containsExactly("NAME:Group", "HASH:#", "NAME:member", "EOF");
  }

  @Test
  void hashAfterSpaceStartsAComment() {
    List<Token> tokens = lex("Group #member\nUser");
    assertThat(tokens)
        .extracting(Token::kind)
        .containsExactly(TokenKind.NAME, TokenKind.NAME, TokenKind.EOF);
    assertThat(tokens.get(1).comments()).extracting(Comment::text).containsExactly("#member");
    assertThat(tokens.get(1).comments().get(0).span()).isEqualTo(new Span(6, 13, 1, 7));
  }

  @Test
  void commentsTravelWithTheNextTokenAndLoseTrailingBlanks() {
    List<Token> tokens = lex("a # one  \r\n# two\n}");
    assertThat(tokens.get(1).kind()).isEqualTo(TokenKind.RBRACE);
    assertThat(tokens.get(1).comments())
        .extracting(Comment::text)
        .containsExactly("# one", "# two");
    assertThat(tokens.get(2).comments()).isEmpty();
  }

  @Test
  void stringsHoldNamesWithoutQuotes() {
    Token t = lex("  \"maintainer\"").get(0);
    assertThat(t.kind()).isEqualTo(TokenKind.STRING);
    assertThat(t.text()).isEqualTo("maintainer");
    assertThat(t.span()).isEqualTo(new Span(2, 14, 1, 3));
    assertThat(t.problem()).isNull();
  }

  @Test
  void anUnterminatedStringEndsAtTheEndOfItsLine() {
    List<Token> tokens = lex("\"abc;\r\nx");
    assertThat(tokens.get(0).problem().code()).isEqualTo(DiagnosticCode.P102);
    assertThat(tokens.get(0).span()).isEqualTo(new Span(0, 5, 1, 1));
    assertThat(tokens.get(1).text()).isEqualTo("x");
  }

  @Test
  void aStringThatIsNoNameCarriesP104() {
    assertThat(lex("\"a b\"").get(0).problem().message()).isEqualTo("`a b` is not a valid name");
    assertThat(lex("\"\"").get(0).problem().message()).isEqualTo("a name cannot be empty");
    assertThat(lex("\"" + "n".repeat(64) + "\"").get(0).problem()).isNull();
    assertThat(lex("\"" + "n".repeat(65) + "\"").get(0).problem().message())
        .endsWith("is longer than 64 characters");
    assertThat(lex("n".repeat(65)).get(0).problem().code()).isEqualTo(DiagnosticCode.P104);
  }

  @Test
  void aRunOfInvalidCharactersIsOneToken() {
    List<Token> tokens = lex("$$@ x 12");
    assertThat(tokens.get(0).kind()).isEqualTo(TokenKind.INVALID);
    assertThat(tokens.get(0).text()).isEqualTo("$$@");
    assertThat(tokens.get(0).problem().message()).isEqualTo("invalid character `$`");
    assertThat(tokens.get(2).problem().message()).isEqualTo("invalid character `1`");
    assertThat(lex("\u00a0").get(0).problem().message()).isEqualTo("invalid character U+00A0");
  }

  @Test
  void punctuation() {
    assertThat(lex("{}[]();,:=|*<>").stream().map(Token::kind).toList())
        .containsExactly(
            TokenKind.LBRACE,
            TokenKind.RBRACE,
            TokenKind.LBRACKET,
            TokenKind.RBRACKET,
            TokenKind.LPAREN,
            TokenKind.RPAREN,
            TokenKind.SEMICOLON,
            TokenKind.COMMA,
            TokenKind.COLON,
            TokenKind.EQUALS,
            TokenKind.PIPE,
            TokenKind.STAR,
            TokenKind.LESS,
            TokenKind.GREATER,
            TokenKind.EOF);
  }

  @Test
  void columnsCountCodePoints() {
    LineMap lines = LineMap.of("# \uD83D\uDE00\n  x \uD83D\uDE00 y");
    assertThat(lines.column(4)).isEqualTo(4);
    int y = lines.text().indexOf('y');
    assertThat(lines.line(y)).isEqualTo(2);
    assertThat(lines.column(y)).isEqualTo(7);
    assertThat(lines.lineText(1)).isEqualTo("# \uD83D\uDE00");
  }
}
