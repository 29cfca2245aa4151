package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DiagnosticRendererTest {

  private static String render(String text, int start, int end, String hint) {
    LineMap lines = LineMap.of(text);
    Diagnostic d =
        new Diagnostic(DiagnosticCode.P101, Severity.ERROR, "msg", lines.span(start, end), hint);
    return DiagnosticRenderer.render(new SourceFile("f.warden", text), d);
  }

  @Test
  void theGutterIsAsWideAsTheLineNumber() {
    String text = "x\n".repeat(120) + "abc\n";
    assertThat(render(text, 240, 243, null))
        .isEqualTo(
            """
            error[P101]: msg
             --> f.warden:121:1
                |
            121 | abc
                | ^^^""");
  }

  @Test
  void tabsAreExpandedAndTheCaretsFollow() {
    assertThat(render("\tab\tc", 4, 5, "h"))
        .isEqualTo(
            """
            error[P101]: msg
             --> f.warden:1:5
              |
            1 |     ab    c
              |           ^
              = hint: h""");
  }

  @Test
  void aPointSpanGetsOneCaretEvenAtTheEndOfTheLine() {
    assertThat(render("abc\ndef", 3, 3, null)).endsWith("1 | abc\n  |    ^");
  }

  @Test
  void aSpanOverSeveralLinesIsMarkedOnItsFirstLine() {
    assertThat(render("ab\ncd\n", 1, 5, null)).endsWith("1 | ab\n  |  ^");
  }

  @Test
  void anEmptyLineHasNoTrailingSpaceAndCrlfIsHidden() {
    assertThat(render("a\r\n\r\nb", 3, 3, null)).endsWith("2 |\n  | ^");
  }

  @Test
  void charactersOutsideTheBmpAreOneColumn() {
    String text = "\uD83D\uDE00 x";
    assertThat(render(text, 3, 4, null)).contains("f.warden:1:3").endsWith("  |   ^");
  }
}
