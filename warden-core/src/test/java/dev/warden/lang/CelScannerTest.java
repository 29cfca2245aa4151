package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CelScannerTest {

  private static String fragment(String text) {
    return text.substring(0, CelScanner.ruleFragmentEnd(text, 0));
  }

  @Test
  void aRuleFragmentEndsAtTopLevelAndOrSemicolonOrUnbalancedParen() {
    assertThat(fragment("resource.a && x and \"b\";")).isEqualTo("resource.a && x");
    assertThat(fragment("resource.a or \"b\"")).isEqualTo("resource.a");
    assertThat(fragment("resource.a ;")).isEqualTo("resource.a");
    assertThat(fragment("f(a and b) and c")).isEqualTo("f(a and b)");
    assertThat(fragment("resource.a) and c")).isEqualTo("resource.a");
  }

  @Test
  void wordsInsideNamesStringsAndAfterDotsDoNotEndAFragment() {
    assertThat(fragment("resource.android || resource.order;"))
        .isEqualTo("resource.android || resource.order");
    assertThat(fragment("x == 'a and b' || y == \"or\";"))
        .isEqualTo("x == 'a and b' || y == \"or\"");
    assertThat(fragment("x.and || x.or;")).isEqualTo("x.and || x.or");
    assertThat(fragment("x == '''it's ; and''';")).isEqualTo("x == '''it's ; and'''");
    assertThat(fragment("x == r'\\' && y;")).isEqualTo("x == r'\\' && y");
    assertThat(fragment("x == 'a\\'b' && y;")).isEqualTo("x == 'a\\'b' && y");
  }

  @Test
  void commentsInsideAFragmentStayButTrailingOnesDoNot() {
    assertThat(fragment("a # one\n && b # two\n;")).isEqualTo("a # one\n && b");
    assertThat(fragment("a # and ; or\n && b;")).isEqualTo("a # and ; or\n && b");
  }

  @Test
  void aFragmentStopsBeforeANewRuleOrDeclarationWhenASemicolonIsMissing() {
    assertThat(fragment("resource.a\n  \"read\" if \"b\";")).isEqualTo("resource.a");
    assertThat(fragment("resource.a\nresource Doc {}")).isEqualTo("resource.a");
    assertThat(fragment("a\nresource and {b};")).isEqualTo("a\nresource");
    assertThat(fragment("a\nactor User\n{}")).isEqualTo("a\nactor User\n{}");
    assertThat(fragment("resource.a == \"x\" && b;")).isEqualTo("resource.a == \"x\" && b");
    assertThat(fragment("f(resource.a ; \"x\" if")).isEqualTo("f(resource.a");
  }

  @Test
  void anUnterminatedStringEndsAtTheSemicolonOnItsLine() {
    assertThat(fragment("x == 'abc;\n\"b\" if \"c\";")).isEqualTo("x == 'abc");
    assertThat(fragment("x == 'abc\ny;")).isEqualTo("x == 'abc");
  }

  @Test
  void aConditionBodyEndsBeforeItsClosingBrace() {
    String text = "{ m == {'a': 1} && x > 0 }";
    assertThat(text.substring(1, CelScanner.conditionBodyEnd(text, 1)).strip())
        .isEqualTo("m == {'a': 1} && x > 0");
    String unclosed = "{ x > 0 \nresource Doc {}";
    assertThat(unclosed.substring(2, CelScanner.conditionBodyEnd(unclosed, 2))).isEqualTo("x > 0");
  }

  @Test
  void matchingParen() {
    assertThat(CelScanner.matchingParen("(a (b) ')' [1]) x", 0)).isEqualTo(14);
    assertThat(CelScanner.matchingParen("(a ; b)", 0)).isEqualTo(-1);
    assertThat(CelScanner.matchingParen("(a ]", 0)).isEqualTo(-1);
    assertThat(CelScanner.matchingParen("(a # )\n b)", 0)).isEqualTo(9);
  }

  @Test
  void celOperators() {
    for (String op :
        new String[] {
          "==", "!=", "<", "<=", ">", ">=", "+", "-", "*", "/", "%", "&&", "||", ".", "[", "?", "in"
        }) {
      assertThat(CelScanner.celOperatorAt(") " + op + " x", 1)).as(op).isTrue();
    }
    assertThat(CelScanner.celOperatorAt(") and x", 1)).isFalse();
    assertThat(CelScanner.celOperatorAt(") ;", 1)).isFalse();
    assertThat(CelScanner.celOperatorAt(") index", 1)).isFalse();
    assertThat(CelScanner.celOperatorAt(") # c\n == x", 1)).isTrue();
  }

  @Test
  void commentsAreBlankedForCelAndStrippedForTheModel() {
    String raw = "a # c\n  && '#x' # d\n  && b";
    assertThat(CelScanner.blankComments(raw)).isEqualTo("a    \n  && '#x'    \n  && b");
    assertThat(CelScanner.stripComments(raw)).isEqualTo("a\n  && '#x'\n  && b");
  }

  @Test
  void endsInOpenString() {
    assertThat(CelScanner.endsInOpenString("x == 'abc")).isTrue();
    assertThat(CelScanner.endsInOpenString("x == \"a # b")).isTrue();
    assertThat(CelScanner.endsInOpenString("x == 'abc' # it's")).isFalse();
    assertThat(CelScanner.endsInOpenString("x == '''a\nb'''")).isFalse();
  }
}
