package dev.warden.lang;

import dev.warden.api.Suggestions;
import dev.warden.condition.ExpressionScope;
import dev.warden.lang.Symbols.ConditionSymbols;
import dev.warden.lang.Symbols.RelationSymbol;
import dev.warden.lang.Symbols.TypeSymbols;
import dev.warden.model.AttributeType;
import dev.warden.model.Parameter;
import dev.warden.model.RelationKind;
import dev.warden.model.TypeKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Resolves names and checks what the grammar cannot and the model cannot hold: duplicates, unknown
 * names (with "did you mean"), {@code not} placement, attribute types and CEL. What can be checked
 * on the model ({@code on} targets, rewrite cycles) the model validator checks on the lowered
 * policy ({@link ModelDiagnostics}). It reports every problem it finds and never stops early.
 *
 * <p>To keep one mistake from producing a cascade, a name is not reported unknown in a type the
 * parser had to skip a member of, nor a type unknown when the parser skipped a declaration; an
 * attribute whose type is invalid is still "declared" for CEL.
 */
final class Checker {

  /** The outcome: symbols for lowering, and diagnostics. */
  record Result(Symbols symbols, List<Diagnostic> diagnostics) {}

  private static final Set<String> RESERVED_ATTRIBUTES = ExpressionScope.BUILT_IN_ATTRIBUTES;
  private static final List<String> TYPE_KEYWORDS =
      List.of(
          "bool",
          "int",
          "uint",
          "double",
          "string",
          "timestamp",
          "duration",
          "ipaddress",
          "list",
          "map");

  private final SyntaxTree tree;
  private final CelDiagnostics cel;
  private final Symbols symbols = new Symbols();
  private final List<Diagnostic> out = new ArrayList<>();

  private Checker(SyntaxTree tree, LineMap lines) {
    this.tree = tree;
    this.cel = new CelDiagnostics(lines);
  }

  static Result check(SyntaxTree tree, LineMap lines) {
    Checker c = new Checker(tree, lines);
    c.run();
    return new Result(c.symbols, List.copyOf(c.out));
  }

  private void run() {
    declareTopLevel();
    for (TypeSymbols t : symbols.types.values()) {
      declareMembers(t);
    }
    declareActorAttributes();
    for (TypeSymbols t : symbols.types.values()) {
      checkSubjects(t);
      checkRules(t);
    }
    for (ConditionSymbols c : symbols.conditions.values()) {
      checkCondition(c);
    }
  }

  // --- declarations ---------------------------------------------------------------------------

  private void declareTopLevel() {
    for (Declaration d : tree.declarations()) {
      String name = d.name().text();
      if (d instanceof Declaration.Type type) {
        TypeSymbols first = symbols.types.get(name);
        if (first != null) {
          duplicate(DiagnosticCode.P201, d.name(), "type", first.declaration.name());
        } else {
          symbols.types.put(name, new TypeSymbols(type));
        }
      } else if (d instanceof Declaration.Condition condition) {
        ConditionSymbols first = symbols.conditions.get(name);
        if (first != null) {
          duplicate(DiagnosticCode.P204, d.name(), "condition", first.declaration.name());
        } else {
          symbols.conditions.put(name, new ConditionSymbols(condition));
        }
      }
    }
  }

  private void declareMembers(TypeSymbols t) {
    for (Member m : t.declaration.members()) {
      if (m instanceof Member.Names names) {
        for (Ident n : names.names()) {
          declareRelation(t, new RelationSymbol(n, names.kind(), List.of()));
        }
      } else if (m instanceof Member.Relations relations) {
        for (Member.RelationEntry e : relations.entries()) {
          declareRelation(t, new RelationSymbol(e.name(), RelationKind.RELATION, e.subjects()));
        }
      } else if (m instanceof Member.Attributes attributes) {
        for (Member.AttributeEntry e : attributes.entries()) {
          declareAttribute(t, e);
        }
      } else if (m instanceof Member.Rule rule) {
        t.rules.add(rule);
      }
    }
  }

  private void declareRelation(TypeSymbols t, RelationSymbol r) {
    if (!Lexer.isValidName(r.name().text())) {
      return; // reported by the lexer
    }
    if (r.name().text().equals(ExpressionParser.THIS)) {
      error(
          DiagnosticCode.P206,
          r.name().span(),
          "`this` is a reserved name",
          "in a rule `this` means the grants of the rule's role or relation; name it differently");
    }
    RelationSymbol first = t.relations.get(r.name().text());
    if (first != null) {
      error(
          DiagnosticCode.P202,
          r.name().span(),
          "duplicate name `" + r.name().text() + "` in `" + t.name() + "`",
          "`"
              + r.name().text()
              + "` is first declared as a "
              + first.kind().word()
              + " at line "
              + first.name().span().line()
              + "; a type declares each name once across permissions, roles and relations");
      return;
    }
    t.relations.put(r.name().text(), r);
  }

  private void declareAttribute(TypeSymbols t, Member.AttributeEntry e) {
    String name = e.name().text();
    if (RESERVED_ATTRIBUTES.contains(name)) {
      error(
          DiagnosticCode.P206,
          e.name().span(),
          "`" + name + "` is a reserved attribute name",
          "every entity has `id` and `type` built in");
      return;
    }
    boolean known = t.attributes.containsKey(name) || t.badAttributes.contains(name);
    if (known) {
      Member.AttributeEntry first = firstAttribute(t, name);
      duplicate(DiagnosticCode.P203, e.name(), "attribute", first.name());
      return;
    }
    AttributeType type = resolveType(e.type());
    if (type == null) {
      t.badAttributes.add(name);
    } else {
      t.attributes.put(name, type);
    }
  }

  private static Member.AttributeEntry firstAttribute(TypeSymbols t, String name) {
    for (Member m : t.declaration.members()) {
      if (m instanceof Member.Attributes a) {
        for (Member.AttributeEntry e : a.entries()) {
          if (e.name().text().equals(name)) {
            return e;
          }
        }
      }
    }
    throw new IllegalStateException("attribute `" + name + "` was declared but is not found");
  }

  /** The attribute type a reference names, or null after reporting P303. */
  private AttributeType resolveType(TypeRef ref) {
    String name = ref.name().text();
    boolean list = name.equals(AttributeType.Kind.LIST.keyword());
    if (list || name.equals(AttributeType.Kind.MAP.keyword())) {
      if (ref.element() == null) {
        error(
            DiagnosticCode.P303,
            ref.span(),
            "`" + name + "` needs an element type",
            "write the element type, as in `" + name + "<string>`");
        return null;
      }
      AttributeType element = resolveType(ref.element());
      if (element == null) {
        return null;
      }
      return list ? AttributeType.listOf(element) : AttributeType.mapOf(element);
    }
    AttributeType scalar = AttributeType.scalar(name);
    if (scalar != null && ref.element() != null) {
      error(DiagnosticCode.P303, ref.span(), "`" + name + "` takes no element type", null);
      return null;
    }
    if (scalar == null) {
      String hint = Suggestions.hint(name, TYPE_KEYWORDS);
      error(
          DiagnosticCode.P303,
          ref.name().span(),
          "unknown attribute type `" + name + "`",
          hint != null ? hint : "attribute types are " + joinTicked(TYPE_KEYWORDS));
    }
    return scalar;
  }

  /** Actor attributes as rules see them: {@code actor.x} must have one type (P207). */
  private void declareActorAttributes() {
    Map<String, AttributeType> seen = symbols.actorAttributes;
    Map<String, String> declaredOn = new HashMap<>();
    for (TypeSymbols t : symbols.types.values()) {
      if (t.kind() != TypeKind.ACTOR) {
        continue;
      }
      symbols.badActorAttributes.addAll(t.badAttributes);
      for (Map.Entry<String, AttributeType> a : t.attributes.entrySet()) {
        AttributeType first = seen.get(a.getKey());
        if (first == null) {
          seen.put(a.getKey(), a.getValue());
          declaredOn.put(a.getKey(), t.name());
        } else if (!first.equals(a.getValue())) {
          Member.AttributeEntry e = firstAttribute(t, a.getKey());
          error(
              DiagnosticCode.P207,
              e.span(),
              "actor attribute `"
                  + a.getKey()
                  + "` is `"
                  + a.getValue()
                  + "` on `"
                  + t.name()
                  + "` but `"
                  + first
                  + "` on `"
                  + declaredOn.get(a.getKey())
                  + "`",
              "rules read it as `actor." + a.getKey() + "`, so every actor type must agree");
        }
      }
    }
  }

  // --- references -----------------------------------------------------------------------------

  private void checkSubjects(TypeSymbols t) {
    for (RelationSymbol r : t.relations.values()) {
      for (Member.SubjectRef s : r.subjects()) {
        TypeSymbols target = lookupType(s.type());
        if (target == null || s.relation() == null) {
          continue;
        }
        String rel = s.relation().text();
        if (!target.relations.containsKey(rel) && target.complete() && Lexer.isValidName(rel)) {
          error(
              DiagnosticCode.P305,
              s.relation().span(),
              "unknown relation `" + rel + "` on `" + target.name() + "`",
              Suggestions.hint(rel, target.relations.keySet()));
        }
      }
    }
  }

  /** The type a name refers to, or null (after reporting P301 unless it may just be skipped). */
  private TypeSymbols lookupType(Ident name) {
    TypeSymbols t = symbols.types.get(name.text());
    if (t == null && tree.complete() && Lexer.isValidName(name.text())) {
      String hint = Suggestions.hint(name.text(), symbols.types.keySet());
      error(
          DiagnosticCode.P301,
          name.span(),
          "unknown type `" + name.text() + "`",
          hint != null
              ? hint
              : "declare it with `actor "
                  + name.text()
                  + " {}` or `resource "
                  + name.text()
                  + " {}`");
    }
    return t;
  }

  /** The relation a quoted name refers to in a type, or null (after reporting P302). */
  private RelationSymbol lookupRelation(TypeSymbols t, Ident name) {
    RelationSymbol r = t.relations.get(name.text());
    if (r == null && t.complete() && Lexer.isValidName(name.text())) {
      String hint = Suggestions.hint(name.text(), t.relations.keySet());
      error(
          DiagnosticCode.P302,
          name.span(),
          "unknown role or permission `" + name.text() + "` on `" + t.name() + "`",
          hint != null ? hint : "declare it in `permissions` or `roles` of `" + t.name() + "`");
    }
    return r;
  }

  private void checkRules(TypeSymbols t) {
    ExpressionScope scope = ExpressionScope.forRule(symbols.actorAttributes, t.attributes);
    Set<String> quiet = new HashSet<>();
    symbols.badActorAttributes.forEach(a -> quiet.add("actor." + a));
    t.badAttributes.forEach(a -> quiet.add("resource." + a));
    for (Member.Rule rule : t.rules) {
      lookupRelation(t, rule.head());
      checkExpr(t, rule.body(), scope, quiet);
      checkNegation(rule.body());
    }
  }

  private void checkExpr(TypeSymbols t, Expr e, ExpressionScope scope, Set<String> quiet) {
    if (e instanceof Expr.Ref ref) {
      lookupRelation(t, ref.relation());
    } else if (e instanceof Expr.Cel c) {
      out.addAll(cel.check(c, scope, quiet, "a rule", t.name()));
    } else if (e instanceof Expr.Not not) {
      checkExpr(t, not.operand(), scope, quiet);
    } else if (e instanceof Expr.Group g) {
      checkExpr(t, g.inner(), scope, quiet);
    } else if (e instanceof Expr.And and) {
      and.operands().forEach(x -> checkExpr(t, x, scope, quiet));
    } else if (e instanceof Expr.Or or) {
      or.operands().forEach(x -> checkExpr(t, x, scope, quiet));
    }
  }

  /** P403: every excluded part needs a positive part beside it in its {@code and}. */
  private void checkNegation(Expr e) {
    Expr x = Negation.ungroup(e);
    if (x instanceof Expr.Or or) {
      or.operands().forEach(this::checkNegation);
    } else if (x instanceof Expr.And and) {
      List<Negation.Part> parts = Negation.conjuncts(and);
      boolean positive = parts.stream().anyMatch(p -> !p.excluded());
      boolean reported = false;
      for (Negation.Part p : parts) {
        if (p.excluded() && !positive && !reported) {
          notWithoutPositive(p.not());
          reported = true;
        }
        checkNegation(p.expr());
      }
    } else if (x instanceof Expr.Not not) {
      Expr y = Negation.cancelled(not);
      if (y != null) {
        checkNegation(y);
      } else if (!Negation.negatesCel(not)) {
        notWithoutPositive(not);
        checkNegation(not.operand());
      }
    }
  }

  private void notWithoutPositive(Expr.Not not) {
    error(
        DiagnosticCode.P403,
        not.span(),
        "`not` without a positive part",
        "`not` can only narrow something else, as in `\"member\" and not \"banned\"`;"
            + " alone it would grant everyone else");
  }

  // --- conditions -----------------------------------------------------------------------------

  private void checkCondition(ConditionSymbols c) {
    Set<String> seen = new HashSet<>();
    for (Declaration.Param p : c.declaration.params()) {
      String name = p.name().text();
      if (!seen.add(name)) {
        error(
            DiagnosticCode.P205,
            p.name().span(),
            "duplicate parameter `" + name + "` in condition `" + c.declaration.name().text() + "`",
            null);
        continue;
      }
      AttributeType type = resolveType(p.type());
      if (name.equals(ExpressionScope.CONTEXT)) {
        error(
            DiagnosticCode.P206,
            p.name().span(),
            "`context` is a reserved name",
            "conditions see the request context as `context`; name the parameter differently");
        c.badParameters.add(name);
      } else if (type == null) {
        c.badParameters.add(name);
      } else {
        c.parameters.add(new Parameter(name, type));
      }
    }
    ExpressionScope scope = ExpressionScope.forCondition(c.parameters);
    out.addAll(cel.check(c.declaration.body(), scope, c.badParameters, "a condition", null));
  }

  // --- helpers --------------------------------------------------------------------------------

  private void duplicate(DiagnosticCode code, Ident name, String what, Ident first) {
    error(
        code,
        name.span(),
        "duplicate " + what + " `" + name.text() + "`",
        "`" + name.text() + "` is first declared at line " + first.span().line());
  }

  private void error(DiagnosticCode code, Span span, String message, String hint) {
    out.add(Diagnostic.error(code, span, message, hint));
  }

  static String joinTicked(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (i > 0) {
        sb.append(i == names.size() - 1 ? " and " : ", ");
      }
      sb.append('`').append(names.get(i)).append('`');
    }
    return sb.toString();
  }
}
