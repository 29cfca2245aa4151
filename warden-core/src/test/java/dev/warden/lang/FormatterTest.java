package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

class FormatterTest {

  private static String format(String text) {
    Formatting f = PolicyFormatter.format(TestPolicies.source(text));
    assertThat(f.syntaxErrors()).isEmpty();
    return f.text();
  }

  /** The formatter's promises, for any source that parses. */
  static void assertFormatterPromises(SourceFile source) {
    Formatting once = PolicyFormatter.format(source);
    if (!once.ok()) {
      return;
    }
    SourceFile formatted = new SourceFile(source.name(), once.text());
    Formatting twice = PolicyFormatter.format(formatted);
    assertThat(twice.syntaxErrors()).as("formatted text parses").isEmpty();
    assertThat(twice.text()).as("formatting is idempotent").isEqualTo(once.text());

    Compilation before = PolicyCompiler.compile(source);
    Compilation after = PolicyCompiler.compile(formatted);
    assertThat(TestPolicies.withoutOrigins(after.policy()))
        .as("formatting does not change the policy")
        .isEqualTo(TestPolicies.withoutOrigins(before.policy()));
    assertThat(TestPolicies.problems(after))
        .as("formatting does not change the problems")
        .isEqualTo(TestPolicies.problems(before));
    assertThat(comments(formatted)).as("comments survive").isEqualTo(comments(source));
  }

  private static List<String> comments(SourceFile s) {
    return Parser.parse(s).tree().comments().stream().map(Comment::text).sorted().toList();
  }

  @TestFactory
  Stream<DynamicTest> promisesHoldForEveryExampleAndGoldenFile() {
    return TestPolicies.corpus().stream()
        .map(s -> DynamicTest.dynamicTest(s.name(), () -> assertFormatterPromises(s)));
  }

  @Test
  void examplesAreAlreadyFormatted() {
    for (SourceFile s : TestPolicies.examples()) {
      assertThat(PolicyFormatter.format(s).text()).isEqualTo(s.text());
    }
  }

  @Test
  void printsTheCanonicalLayout() {
    assertThat(
            format(
                """
                actor   User{ }
                resource Doc{permissions=["read" ,"write",];roles=["viewer"]
                ;relations={parent:Doc,owner:User|User:*};attributes={tags:list< string >};
                "read"   if "viewer"or("viewer"and not"owner" on "parent") ;



                "write" if   resource.tags.exists(t, t == 'x')  ;}
                condition   c( a:int,b :string ){   a > 1   }
                """))
        .isEqualTo(
            """
            actor User {}

            resource Doc {
              permissions = ["read", "write"];
              roles = ["viewer"];
              relations = { parent: Doc, owner: User | User:* };
              attributes = { tags: list<string> };
              "read" if "viewer" or ("viewer" and not "owner" on "parent");

              "write" if resource.tags.exists(t, t == 'x');
            }

            condition c(a: int, b: string) { a > 1 }
            """);
  }

  @Test
  void keepsCommentsWhereTheyWere() {
    assertThat(
            format(
                """
                # header
                actor User {} # after a type
                # before a resource


                resource Doc { # after the brace
                  roles = ["a"];    # after a member

                  # before a rule
                  "a" if "a" on   # inside a rule
                    "parent";
                  # last in the body
                }
                # the end
                """))
        .isEqualTo(
            """
            # header
            actor User {}  # after a type

            # before a resource

            resource Doc {  # after the brace
              roles = ["a"];  # after a member

              # before a rule
              # inside a rule
              "a" if "a" on "parent";
              # last in the body
            }
            # the end
            """);
  }

  @Test
  void keepsListsWrittenOverSeveralLinesExpanded() {
    assertThat(
            format(
                """
                actor User {}
                actor Group {
                  relations = { member: User | Group#member,   # people and groups
                    owner: User };
                  roles = [
                  ];
                }
                """))
        .isEqualTo(
            """
            actor User {}

            actor Group {
              relations = {
                member: User | Group#member,  # people and groups
                owner: User,
              };
              roles = [];
            }
            """);
  }

  @Test
  void keepsCelAsWrittenIncludingItsComments() {
    String text =
        """
        resource Doc {
          attributes = { size: int };
          permissions = ["read"];
          "read" if resource.size > 1 # big enough
              && resource.size < 10;
        }
        """;
    assertThat(format(text)).isEqualTo(text);
  }

  /** Found by FormatterFuzzTest: the formatter joined `or` into an unterminated CEL string. */
  @Test
  void whatFollowsAnUnterminatedCelStringStaysOutOfIt() {
    String text =
        """
        resource Doc {
          permissions = ["x"];
          "x" if resource.a == 'abc
             or resource.b;
        }
        condition c(a: string) { a == 'x
        }
        """;
    assertThat(format(text))
        .isEqualTo(
            """
            resource Doc {
              permissions = ["x"];
              "x" if resource.a == 'abc
             or resource.b;
            }

            condition c(a: string) { a == 'x
            }
            """);
    assertFormatterPromises(TestPolicies.source(text));
  }

  @Test
  void printsTheAllArrowCanonically() {
    String once =
        format(
            """
            resource Doc {
              relations = { parent: Doc };
              roles = ["a"];
              "a"   if   "a"  on   all
                "parent";
            }
            """);
    assertThat(once).contains("  \"a\" if \"a\" on all \"parent\";\n");
    assertThat(format(once)).isEqualTo(once);
    assertFormatterPromises(TestPolicies.source(once));
  }

  @Test
  void refusesToFormatWhatDoesNotParse() {
    Formatting f = PolicyFormatter.format(TestPolicies.source("actor User { roles = [\"a\" }"));
    assertThat(f.ok()).isFalse();
    assertThat(f.text()).isNull();
    assertThat(f.syntaxErrors()).extracting(Diagnostic::code).containsExactly(DiagnosticCode.P101);
  }

  @Test
  void formatsWhatParsesEvenWithCheckerErrors() {
    assertThat(format("resource Doc { \"x\" if \"y\"; }"))
        .isEqualTo("resource Doc {\n  \"x\" if \"y\";\n}\n");
  }

  @Test
  void emptyInputStaysEmpty() {
    assertThat(format("")).isEmpty();
    assertThat(format("\n\n# only a comment\n\n")).isEqualTo("# only a comment\n");
  }
}
