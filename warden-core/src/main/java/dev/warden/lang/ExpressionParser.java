package dev.warden.lang;

import dev.warden.lang.TokenStream.Abort;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Parses rule bodies: {@code or} over {@code and} over {@code not} over primaries, where a primary
 * is a quoted relation, {@code "r" on "rel"}, {@code this}, a parenthesised group or a CEL
 * fragment.
 *
 * <p>Which primaries are CEL: anything but a string, {@code (}, {@code not} and the words {@code if
 * and or on this}; and also a string or a parenthesised group followed by a CEL operator ({@code
 * "admin" in actor.roles}, {@code (resource.size + 1) > 2}).
 */
final class ExpressionParser {

  static final int MAX_NESTING = 64;

  private static final Set<String> STRUCTURAL = Set.of("if", "and", "or", "on", "not");
  private static final String EXPECTED_PRIMARY =
      "a quoted role or permission, `this`, `not`, `(` or a CEL expression";

  /** The keyword for the rule's own grants; CEL has no such name, so it is never CEL. */
  static final String THIS = "this";

  private final TokenStream tokens;
  private final String text;

  ExpressionParser(TokenStream tokens, String text) {
    this.tokens = tokens;
    this.text = text;
  }

  Expr expression() {
    return or(0);
  }

  private Expr or(int depth) {
    Expr first = and(depth);
    if (!tokens.atKeyword("or")) {
      return first;
    }
    List<Expr> operands = new ArrayList<>(List.of(first));
    while (tokens.atKeyword("or")) {
      tokens.advance();
      operands.add(and(depth));
    }
    return new Expr.Or(operands, tokens.spanFrom(first.span().start()));
  }

  private Expr and(int depth) {
    Expr first = unary(depth);
    if (!tokens.atKeyword("and")) {
      return first;
    }
    List<Expr> operands = new ArrayList<>(List.of(first));
    while (tokens.atKeyword("and")) {
      tokens.advance();
      operands.add(unary(depth));
    }
    return new Expr.And(operands, tokens.spanFrom(first.span().start()));
  }

  private Expr unary(int depth) {
    if (depth >= MAX_NESTING) {
      tokens.error(
          DiagnosticCode.P101,
          tokens.current().span(),
          "expression nested too deeply",
          "a rule may nest `not` and parentheses at most " + MAX_NESTING + " levels deep");
      throw new Abort();
    }
    if (tokens.atKeyword("not")) {
      Token not = tokens.advance();
      Expr operand = unary(depth + 1);
      return new Expr.Not(operand, tokens.spanFrom(not.span().start()));
    }
    return primary(depth);
  }

  private Expr primary(int depth) {
    Token t = tokens.current();
    return switch (t.kind()) {
      case STRING -> CelScanner.celOperatorAt(text, t.span().end()) ? cel() : relation();
      case LPAREN -> group(t, depth);
      case NAME -> {
        if (t.text().equals(THIS)) {
          yield new Expr.This(tokens.advance().span());
        }
        if (STRUCTURAL.contains(t.text())) {
          throw tokens.unexpected(EXPECTED_PRIMARY);
        }
        yield cel();
      }
      case INVALID, LBRACKET, LBRACE -> cel();
      default -> throw tokens.unexpected(EXPECTED_PRIMARY);
    };
  }

  /** A parenthesised group, or CEL when an operator follows the closing parenthesis. */
  private Expr group(Token open, int depth) {
    int close = CelScanner.matchingParen(text, open.span().start());
    if (close >= 0 && CelScanner.celOperatorAt(text, close + 1)) {
      return cel();
    }
    tokens.advance();
    Expr inner = or(depth + 1);
    tokens.expect(TokenKind.RPAREN, "`)`");
    return new Expr.Group(inner, tokens.spanFrom(open.span().start()));
  }

  private Expr relation() {
    Token first = tokens.advance();
    Ident relation = new Ident(first.text(), first.span());
    if (!tokens.atKeyword("on")) {
      return new Expr.Ref(relation);
    }
    tokens.advance();
    // `all` is a word only here, so it stays a valid name everywhere else.
    boolean all = tokens.atKeyword("all");
    if (all) {
      tokens.advance();
    }
    Token target =
        tokens.expect(
            TokenKind.STRING,
            all ? "a quoted relation after `on all`" : "a quoted relation after `on`");
    Ident tupleset = new Ident(target.text(), target.span());
    return new Expr.On(relation, tupleset, all, tokens.spanFrom(first.span().start()));
  }

  private Expr cel() {
    return tokens.takeCel(from -> CelScanner.ruleFragmentEnd(text, from));
  }
}
