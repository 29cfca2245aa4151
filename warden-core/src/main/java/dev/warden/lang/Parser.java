package dev.warden.lang;

import dev.warden.lang.TokenStream.Abort;
import dev.warden.model.RelationKind;
import dev.warden.model.TypeKind;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Recursive-descent parser for policy files (grammar in docs/language.md).
 *
 * <p>Error recovery: a problem inside a member abandons that member and skips to the next {@code ;}
 * or to the {@code }} closing the type; a problem in a declaration header skips to the next
 * declaration. Every problem is reported once and parsing goes on, so one run reports them all. A
 * type that lost a member is marked incomplete, so the checker does not report names it may have
 * declared as unknown.
 */
final class Parser {

  /** The result: the tree, syntax diagnostics, and the line map the later stages share. */
  record Result(SyntaxTree tree, List<Diagnostic> diagnostics, LineMap lines) {}

  private static final int MAX_TYPE_NESTING = 16;

  private final TokenStream tokens;
  private final ExpressionParser expressions;
  private final String text;
  private boolean complete = true;
  // The closer of the list being parsed ({@code ]} or {@code }}), or null outside lists.
  private TokenKind listCloser;

  private Parser(LineMap lines) {
    this.tokens = new TokenStream(lines);
    this.expressions = new ExpressionParser(tokens, lines.text());
    this.text = lines.text();
  }

  static Result parse(SourceFile source) {
    LineMap lines = LineMap.of(source.text());
    Parser p = new Parser(lines);
    List<Declaration> declarations = p.file();
    SyntaxTree tree = new SyntaxTree(declarations, p.tokens.comments(), p.complete);
    return new Result(tree, List.copyOf(p.tokens.diagnostics()), lines);
  }

  private List<Declaration> file() {
    List<Declaration> declarations = new ArrayList<>();
    while (!tokens.at(TokenKind.EOF)) {
      if (atDeclarationKeyword()) {
        Declaration d = declaration();
        if (d != null) {
          declarations.add(d);
        }
      } else {
        tokens.report("`actor`, `resource` or `condition`");
        complete = false;
        skipToDeclaration();
      }
    }
    tokens.advance(); // keeps the comments at the end of the file
    return declarations;
  }

  private Declaration declaration() {
    try {
      return tokens.atKeyword("condition") ? condition() : type();
    } catch (Abort e) {
      complete = false;
      skipToDeclaration();
      return null;
    }
  }

  private Declaration.Type type() {
    Token keyword = tokens.advance();
    TypeKind kind = keyword.text().equals("actor") ? TypeKind.ACTOR : TypeKind.RESOURCE;
    Ident name = name("a type name");
    Span open = tokens.expect(TokenKind.LBRACE, "`{`").span();
    List<Member> members = new ArrayList<>();
    boolean typeComplete = true;
    Span close = null;
    while (close == null) {
      if (tokens.at(TokenKind.RBRACE)) {
        close = tokens.advance().span();
      } else if (tokens.at(TokenKind.EOF) || atDeclarationStart()) {
        tokens.report("`}` to close `" + name.text() + "`");
        break;
      } else {
        Member m = member();
        if (m == null) {
          typeComplete = false;
        } else {
          members.add(m);
        }
      }
    }
    Span span = tokens.spanFrom(keyword.span().start());
    return new Declaration.Type(kind, name, members, span, open, close, typeComplete);
  }

  private Member member() {
    int start = tokens.current().span().start();
    try {
      if (tokens.atKeyword("permissions")) {
        return names(RelationKind.PERMISSION, start);
      } else if (tokens.atKeyword("roles")) {
        return names(RelationKind.ROLE, start);
      } else if (tokens.atKeyword("relations")) {
        return relations(start);
      } else if (tokens.atKeyword("attributes")) {
        return attributes(start);
      } else if (tokens.at(TokenKind.STRING)) {
        return rule(start);
      }
      throw tokens.unexpected(
          "a member (`permissions`, `roles`, `relations`, `attributes` or a rule)");
    } catch (Abort e) {
      recoverMember();
      return null;
    } finally {
      listCloser = null;
    }
  }

  private Member.Names names(RelationKind kind, int start) {
    tokens.advance();
    tokens.expect(TokenKind.EQUALS, "`=`");
    int listStart = open(TokenKind.LBRACKET, "`[`");
    List<Ident> names = new ArrayList<>();
    while (!tokens.at(TokenKind.RBRACKET)) {
      names.add(ident(tokens.expect(TokenKind.STRING, "a quoted name or `]`")));
      separator(TokenKind.RBRACKET, "`,` or `]`");
    }
    Span list = close(listStart);
    endOfMember();
    return new Member.Names(kind, names, tokens.spanFrom(start), list);
  }

  private Member.Relations relations(int start) {
    tokens.advance();
    tokens.expect(TokenKind.EQUALS, "`=`");
    int listStart = open(TokenKind.LBRACE, "`{`");
    List<Member.RelationEntry> entries = new ArrayList<>();
    while (!tokens.at(TokenKind.RBRACE)) {
      Ident name = name("a relation name");
      tokens.expect(TokenKind.COLON, "`:`");
      List<Member.SubjectRef> subjects = new ArrayList<>();
      subjects.add(subject());
      while (tokens.at(TokenKind.PIPE)) {
        tokens.advance();
        subjects.add(subject());
      }
      entries.add(new Member.RelationEntry(name, subjects, tokens.spanFrom(name.span().start())));
      separator(TokenKind.RBRACE, "`,`, `|` or `}`");
    }
    Span list = close(listStart);
    endOfMember();
    return new Member.Relations(entries, tokens.spanFrom(start), list);
  }

  private Member.SubjectRef subject() {
    Ident type = name("a type name");
    Ident relation = null;
    boolean wildcard = false;
    if (tokens.at(TokenKind.HASH)) {
      tokens.advance();
      relation = name("a relation name after `#`");
    } else if (tokens.at(TokenKind.COLON)) {
      tokens.advance();
      tokens.expect(TokenKind.STAR, "`*` after `:`");
      wildcard = true;
    }
    Ident condition = null;
    if (tokens.atKeyword("with")) {
      tokens.advance();
      condition = name("a condition name after `with`");
    }
    return new Member.SubjectRef(
        type, relation, wildcard, condition, tokens.spanFrom(type.span().start()));
  }

  private Member.Attributes attributes(int start) {
    tokens.advance();
    tokens.expect(TokenKind.EQUALS, "`=`");
    int listStart = open(TokenKind.LBRACE, "`{`");
    List<Member.AttributeEntry> entries = new ArrayList<>();
    while (!tokens.at(TokenKind.RBRACE)) {
      Ident name = name("an attribute name");
      tokens.expect(TokenKind.COLON, "`:`");
      TypeRef type = typeRef(0);
      entries.add(new Member.AttributeEntry(name, type, tokens.spanFrom(name.span().start())));
      separator(TokenKind.RBRACE, "`,` or `}`");
    }
    Span list = close(listStart);
    endOfMember();
    return new Member.Attributes(entries, tokens.spanFrom(start), list);
  }

  private TypeRef typeRef(int depth) {
    Ident name = name("a type");
    TypeRef element = null;
    if (tokens.at(TokenKind.LESS)) {
      if (depth >= MAX_TYPE_NESTING) {
        tokens.error(DiagnosticCode.P101, tokens.current().span(), "type nested too deeply", null);
        throw new Abort();
      }
      tokens.advance();
      element = typeRef(depth + 1);
      tokens.expect(TokenKind.GREATER, "`>`");
    }
    return new TypeRef(name, element, tokens.spanFrom(name.span().start()));
  }

  private Member.Rule rule(int start) {
    Ident head = ident(tokens.advance());
    if (!tokens.atKeyword("if")) {
      throw tokens.unexpected("`if`");
    }
    tokens.advance();
    Expr body = expressions.expression();
    endOfMember();
    return new Member.Rule(head, body, tokens.spanFrom(start));
  }

  private Declaration.Condition condition() {
    Token keyword = tokens.advance();
    Ident name = name("a condition name");
    tokens.expect(TokenKind.LPAREN, "`(`");
    List<Declaration.Param> params = new ArrayList<>();
    while (!tokens.at(TokenKind.RPAREN)) {
      Ident param = name("a parameter name");
      tokens.expect(TokenKind.COLON, "`:`");
      TypeRef type = typeRef(0);
      params.add(new Declaration.Param(param, type, tokens.spanFrom(param.span().start())));
      separator(TokenKind.RPAREN, "`,` or `)`");
    }
    tokens.advance();
    tokens.expect(TokenKind.LBRACE, "`{`");
    Expr.Cel body = tokens.takeCel(from -> CelScanner.conditionBodyEnd(text, from));
    if (tokens.at(TokenKind.RBRACE)) {
      tokens.advance();
    } else {
      tokens.report("`}` to close condition `" + name.text() + "`");
      if (!atDeclarationStart()) {
        complete = false;
        skipToDeclaration();
      }
    }
    return new Declaration.Condition(name, params, body, tokens.spanFrom(keyword.span().start()));
  }

  // --- small pieces ---------------------------------------------------------------------------

  private Ident name(String expected) {
    return ident(tokens.expect(TokenKind.NAME, expected));
  }

  private static Ident ident(Token t) {
    return new Ident(t.text(), t.span());
  }

  /** The opening bracket of a list; returns its offset. */
  private int open(TokenKind kind, String expected) {
    int start = tokens.expect(kind, expected).span().start();
    listCloser = kind == TokenKind.LBRACKET ? TokenKind.RBRACKET : TokenKind.RBRACE;
    return start;
  }

  /** The closing bracket of a list; returns the span of the whole list. */
  private Span close(int listStart) {
    tokens.advance();
    listCloser = null;
    return tokens.spanFrom(listStart);
  }

  /** After a list item: a comma (then maybe the closer), or the closer itself. */
  private void separator(TokenKind closer, String expected) {
    if (tokens.at(TokenKind.COMMA)) {
      tokens.advance();
    } else if (!tokens.at(closer)) {
      throw tokens.unexpected(expected);
    }
  }

  /**
   * The {@code ;} ending a member. A missing one is reported but keeps the member, which parsed
   * fine; parsing resumes at the next member if one starts here.
   */
  private void endOfMember() {
    if (tokens.at(TokenKind.SEMICOLON)) {
      tokens.advance();
      return;
    }
    tokens.report("`;`");
    if (!atMemberStart()) {
      recoverMember();
    }
  }

  /**
   * Skips to just after the next {@code ;} that ends a member, or to the {@code }} that closes the
   * type, a new rule or a new declaration, whichever comes first. Brackets are matched by kind, so
   * a {@code }} met while a {@code [} is open closes the type, not the list.
   */
  private void recoverMember() {
    Deque<TokenKind> closers = new ArrayDeque<>();
    if (listCloser != null) {
      closers.push(listCloser);
    }
    while (!tokens.at(TokenKind.EOF) && !atDeclarationStart()) {
      TokenKind k = tokens.current().kind();
      if (k == TokenKind.RBRACE && closers.peek() != TokenKind.RBRACE) {
        return;
      }
      if (!closers.isEmpty() && atRuleStart()) {
        return;
      }
      tokens.skip();
      if (k == TokenKind.SEMICOLON && closers.isEmpty()) {
        return;
      } else if (k == TokenKind.LBRACE) {
        closers.push(TokenKind.RBRACE);
      } else if (k == TokenKind.LBRACKET) {
        closers.push(TokenKind.RBRACKET);
      } else if (k == closers.peek()) {
        closers.pop();
      }
    }
  }

  /** Skips to the next declaration keyword outside braces. */
  private void skipToDeclaration() {
    int depth = 0;
    while (!tokens.at(TokenKind.EOF)) {
      if (depth == 0 && atDeclarationStart()) {
        return;
      }
      TokenKind k = tokens.current().kind();
      tokens.skip();
      if (k == TokenKind.LBRACE) {
        depth++;
      } else if (k == TokenKind.RBRACE && depth > 0) {
        depth--;
      }
    }
  }

  private boolean atDeclarationKeyword() {
    return tokens.atKeyword("actor")
        || tokens.atKeyword("resource")
        || tokens.atKeyword("condition");
  }

  /** A declaration keyword followed by a name: where a new declaration surely starts. */
  private boolean atDeclarationStart() {
    return atDeclarationKeyword() && tokens.peekSecond().kind() == TokenKind.NAME;
  }

  private boolean atRuleStart() {
    return tokens.at(TokenKind.STRING) && tokens.peekSecond().isKeyword("if");
  }

  private boolean atMemberStart() {
    return atRuleStart()
        || tokens.at(TokenKind.RBRACE)
        || tokens.at(TokenKind.EOF)
        || tokens.atKeyword("permissions")
        || tokens.atKeyword("roles")
        || tokens.atKeyword("relations")
        || tokens.atKeyword("attributes")
        || atDeclarationStart();
  }
}
