package dev.warden.lang;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.model.RelationKind;
import dev.warden.model.TypeKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class ParserTest {

  private static Parser.Result parse(String text) {
    return Parser.parse(TestPolicies.source(text));
  }

  private static Member.Rule onlyRule(String rule) {
    Parser.Result r = parse("resource Doc {\n  " + rule + "\n}\n");
    assertThat(r.diagnostics()).isEmpty();
    Declaration.Type t = (Declaration.Type) r.tree().declarations().get(0);
    return (Member.Rule) t.members().get(0);
  }

  @Test
  void declarationsAndMembersKeepTheirOrder() {
    Parser.Result r =
        parse(
            """
            actor User {}
            resource Doc {
              roles = ["b", "a",];
              permissions = [];
              relations = { parent: Doc, owner: User | Group#member | User:*, };
              attributes = { tags: list<string>, };
              "a" if "b";
            }
            condition c() { true }
            """);
    assertThat(r.diagnostics()).isEmpty();
    List<Declaration> decls = r.tree().declarations();
    assertThat(decls).extracting(d -> d.name().text()).containsExactly("User", "Doc", "c");
    Declaration.Type doc = (Declaration.Type) decls.get(1);
    assertThat(doc.kind()).isEqualTo(TypeKind.RESOURCE);
    assertThat(doc.members()).hasSize(5);
    Member.Names roles = (Member.Names) doc.members().get(0);
    assertThat(roles.kind()).isEqualTo(RelationKind.ROLE);
    assertThat(roles.names()).extracting(Ident::text).containsExactly("b", "a");
    Member.Relations relations = (Member.Relations) doc.members().get(2);
    assertThat(relations.entries().get(1).subjects())
        .extracting(Member.SubjectRef::toString)
        .containsExactly("User", "Group#member", "User:*");
    Member.Attributes attributes = (Member.Attributes) doc.members().get(3);
    assertThat(attributes.entries().get(0).type().toString()).isEqualTo("list<string>");
    assertThat(((Declaration.Condition) decls.get(2)).params()).isEmpty();
  }

  @Test
  void andBindsTighterThanOrAndNotTighterThanAnd() {
    Expr e = onlyRule("\"x\" if \"a\" or not \"b\" and \"c\";").body();
    assertThat(e).isInstanceOf(Expr.Or.class);
    Expr.Or or = (Expr.Or) e;
    assertThat(or.operands().get(0)).isInstanceOf(Expr.Ref.class);
    Expr.And and = (Expr.And) or.operands().get(1);
    assertThat(and.operands().get(0)).isInstanceOf(Expr.Not.class);
    assertThat(and.operands().get(1)).isInstanceOf(Expr.Ref.class);
  }

  @Test
  void onBindsToTheStringBeforeIt() {
    Expr e = onlyRule("\"x\" if \"admin\" on \"parent\" and \"b\";").body();
    Expr.On on = (Expr.On) ((Expr.And) e).operands().get(0);
    assertThat(on.relation().text()).isEqualTo("admin");
    assertThat(on.tupleset().text()).isEqualTo("parent");
  }

  @Test
  void allRightAfterOnMakesTheArrowUniversal() {
    Expr.On on = (Expr.On) onlyRule("\"x\" if \"admin\" on all \"parent\";").body();
    assertThat(on.all()).isTrue();
    assertThat(on.relation().text()).isEqualTo("admin");
    assertThat(on.tupleset().text()).isEqualTo("parent");
    assertThat(((Expr.On) onlyRule("\"x\" if \"admin\" on \"parent\";").body()).all()).isFalse();
  }

  @Test
  void allIsANameEverywhereElse() {
    Parser.Result r =
        parse(
            """
            resource Doc {
              roles = ["all"];
              relations = { all: Doc };
              attributes = { all: int };
              "all" if "all" on all "all" or "all" on "all";
            }
            """);
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void aGroupFollowedByACelOperatorIsCel() {
    assertThat(onlyRule("\"x\" if (resource.size + 1) > 2;").body())
        .isEqualTo(new Expr.Cel("(resource.size + 1) > 2", new Span(24, 47, 2, 10)));
    assertThat(onlyRule("\"x\" if (resource.size) and \"a\";").body()).isInstanceOf(Expr.And.class);
  }

  @Test
  void keywordsMayBeNames() {
    Parser.Result r =
        parse("resource Doc { relations = { on: Doc }; attributes = { roles: int }; }");
    assertThat(r.diagnostics()).isEmpty();
  }

  @Test
  void aMissingClosingBraceEndsTheTypeAtTheNextDeclaration() {
    Parser.Result r = parse("actor User {\n  roles = [\"a\"];\n\nresource Doc {}\n");
    assertThat(r.tree().declarations())
        .extracting(d -> d.name().text())
        .containsExactly("User", "Doc");
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("expected `}` to close `User`, found `resource`");
    assertThat(r.diagnostics().get(0).span().line()).isEqualTo(2);
  }

  @Test
  void aBrokenMemberIsSkippedAndTheTypeMarkedIncomplete() {
    Parser.Result r = parse("resource Doc {\n  roles = [\"a\" \"b\"];\n  \"a\" if \"a\";\n}\n");
    Declaration.Type t = (Declaration.Type) r.tree().declarations().get(0);
    assertThat(t.complete()).isFalse();
    assertThat(t.members()).singleElement().isInstanceOf(Member.Rule.class);
    assertThat(r.tree().complete()).isTrue();
  }

  @Test
  void deepNestingIsReportedNotOverflowed() {
    String deep = "not ".repeat(5000) + "\"a\"";
    Parser.Result r = parse("resource Doc { roles = [\"a\"]; \"a\" if " + deep + "; }");
    assertThat(r.diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("expression nested too deeply");
    String parens = "(".repeat(5000) + "\"a\"" + ")".repeat(5000);
    assertThat(parse("resource Doc { \"a\" if " + parens + "; }").diagnostics())
        .extracting(Diagnostic::message)
        .containsExactly("expression nested too deeply");
  }

  @Test
  void commentsOutsideCelAreCollectedOnce() {
    Parser.Result r =
        parse("# a\nresource Doc { # b\n  \"x\" if resource.y # c\n  && z; # d\n} # e\n# f");
    assertThat(r.tree().comments())
        .extracting(Comment::text)
        .containsExactly("# a", "# b", "# d", "# e", "# f");
  }
}
