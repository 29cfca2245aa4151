package dev.warden.lang;

import dev.warden.lang.Symbols.ConditionSymbols;
import dev.warden.lang.Symbols.RelationSymbol;
import dev.warden.lang.Symbols.TypeSymbols;
import dev.warden.model.ConditionDef;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import dev.warden.model.validate.Recovery;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns checked symbols into the policy model. Runs only when the checker found no errors, so every
 * name resolves; a name that does not is a bug and fails loudly.
 *
 * <p>Rules: {@code "r"} is {@code Computed(r)}; {@code this} is {@code Direct}; {@code "r" on
 * "rel"} is {@code TupleToUserset(rel, r)}; CEL is {@code Attribute}; {@code or} is a flattened
 * {@code Union}; an {@code and} is the {@code Intersection} of its positive parts (or the single
 * one), wrapped in an {@code Exclusion} of the union of its excluded parts when there are any;
 * {@code not} on CEL folds into the CEL as {@code !(...)}; {@code not not x} is {@code x}.
 *
 * <p>It also runs on symbols the checker found errors in, so that the model validator can check
 * what there is: a rule whose head is unknown becomes a stray rule, and an excluded part without a
 * positive one (P403) is excluded from {@code false}. Such a policy is only ever validated.
 */
final class Lowering {

  /**
   * The outcome.
   *
   * @param policy the policy
   * @param strays rules whose head is not declared, for the validator
   * @param origins the expression each {@code Computed}, {@code TupleToUserset} and {@code Direct}
   *     was lowered from, by identity, to map model locations back to source
   */
  record Lowered(
      Policy policy, List<Recovery.StrayRule> strays, IdentityHashMap<Rewrite, Expr> origins) {}

  /** The base of an excluded part written without a positive part; only in policies with P403. */
  private static final String NOTHING = "false";

  private final Symbols symbols;
  private final String fileName;
  private final List<SubjectType> roleSubjects;
  private final List<Recovery.StrayRule> strays = new ArrayList<>();
  private final IdentityHashMap<Rewrite, Expr> origins = new IdentityHashMap<>();

  private Lowering(Symbols symbols, String fileName) {
    this.symbols = symbols;
    this.fileName = fileName;
    this.roleSubjects = roleSubjects(symbols);
  }

  static Lowered lower(Symbols symbols, String fileName) {
    Lowering l = new Lowering(symbols, fileName);
    Policy policy = l.policy();
    return new Lowered(policy, List.copyOf(l.strays), l.origins);
  }

  private Policy policy() {
    Map<String, TypeDef> types = new LinkedHashMap<>();
    for (TypeSymbols t : symbols.types.values()) {
      types.put(t.name(), type(t));
    }
    Map<String, ConditionDef> conditions = new LinkedHashMap<>();
    for (ConditionSymbols c : symbols.conditions.values()) {
      String name = c.declaration.name().text();
      String cel = CelScanner.stripComments(c.declaration.body().raw());
      conditions.put(name, new ConditionDef(name, c.parameters, cel));
    }
    return new Policy(types, conditions);
  }

  private TypeDef type(TypeSymbols t) {
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    for (RelationSymbol r : t.relations.values()) {
      String name = r.name().text();
      List<Rule> rules = new ArrayList<>();
      for (Member.Rule rule : t.rules) {
        if (rule.head().text().equals(name)) {
          rules.add(rule(rule));
        }
      }
      relations.put(name, new RelationDef(name, r.kind(), subjects(r), rules));
    }
    for (Member.Rule rule : t.rules) {
      if (!t.relations.containsKey(rule.head().text())) {
        strays.add(new Recovery.StrayRule(t.name(), rule.head().text(), rule(rule)));
      }
    }
    return new TypeDef(t.name(), t.kind(), relations, t.attributes);
  }

  /**
   * Roles may be granted to any actor, every actor of a type, and the usersets of an actor type's
   * relations (not its roles or permissions, which would make every role depend on every other):
   * for each actor type in order, its objects, its wildcard, then each of its relations.
   */
  private static List<SubjectType> roleSubjects(Symbols symbols) {
    List<SubjectType> out = new ArrayList<>();
    for (TypeSymbols t : symbols.types.values()) {
      if (t.kind() == TypeKind.ACTOR) {
        out.add(SubjectType.object(t.name()));
        out.add(SubjectType.wildcard(t.name()));
        t.relations.forEach(
            (name, r) -> {
              if (r.kind() == RelationKind.RELATION) {
                out.add(SubjectType.userset(t.name(), name));
              }
            });
      }
    }
    return out;
  }

  private List<SubjectType> subjects(RelationSymbol r) {
    if (r.kind() == RelationKind.ROLE) {
      return roleSubjects;
    }
    Set<SubjectType> out = new LinkedHashSet<>();
    for (Member.SubjectRef s : r.subjects()) {
      out.add(subject(s));
    }
    return List.copyOf(out);
  }

  /** The subject type a written subject reference stands for. */
  static SubjectType subject(Member.SubjectRef s) {
    String type = s.type().text();
    SubjectType shape;
    if (s.wildcard()) {
      shape = SubjectType.wildcard(type);
    } else {
      shape =
          s.relation() != null
              ? SubjectType.userset(type, s.relation().text())
              : SubjectType.object(type);
    }
    return s.condition() == null ? shape : shape.with(s.condition().text());
  }

  private Rule rule(Member.Rule rule) {
    Span at = rule.span();
    String origin = fileName + ":" + at.line() + ":" + at.column();
    return new Rule(rewrite(rule.body()), ExprPrinter.rule(rule, false), origin);
  }

  private Rewrite rewrite(Expr e) {
    Expr x = Negation.ungroup(e);
    if (x instanceof Expr.Ref ref) {
      return from(new Rewrite.Computed(ref.relation().text()), ref);
    } else if (x instanceof Expr.This) {
      return from(new Rewrite.Direct(), x);
    } else if (x instanceof Expr.On on) {
      return from(
          new Rewrite.TupleToUserset(on.tupleset().text(), on.relation().text(), on.all()), on);
    } else if (x instanceof Expr.Cel cel) {
      return new Rewrite.Attribute(CelScanner.stripComments(cel.raw()));
    } else if (x instanceof Expr.Or or) {
      List<Rewrite> children = new ArrayList<>();
      or.operands().forEach(o -> addFlattened(children, rewrite(o)));
      return new Rewrite.Union(children);
    } else if (x instanceof Expr.And and) {
      return conjunction(and);
    } else if (x instanceof Expr.Not not) {
      Expr y = Negation.cancelled(not);
      if (y != null) {
        return rewrite(y);
      }
      if (Negation.negatesCel(not)) {
        Expr.Cel cel = (Expr.Cel) Negation.ungroup(not.operand());
        return new Rewrite.Attribute("!(" + CelScanner.stripComments(cel.raw()) + ")");
      }
      return new Rewrite.Exclusion(new Rewrite.Attribute(NOTHING), rewrite(not.operand())); // P403
    }
    throw new IllegalStateException("cannot lower `" + ExprPrinter.expr(e, false) + "`");
  }

  private Rewrite from(Rewrite r, Expr origin) {
    origins.put(r, origin);
    return r;
  }

  private Rewrite conjunction(Expr.And and) {
    List<Rewrite> positive = new ArrayList<>();
    List<Rewrite> excluded = new ArrayList<>();
    for (Negation.Part p : Negation.conjuncts(and)) {
      Rewrite r = rewrite(p.expr());
      if (p.excluded()) {
        addFlattened(excluded, r);
      } else {
        positive.add(r);
      }
    }
    if (positive.isEmpty()) {
      positive.add(new Rewrite.Attribute(NOTHING)); // P403
    }
    Rewrite base = positive.size() == 1 ? positive.get(0) : new Rewrite.Intersection(positive);
    if (excluded.isEmpty()) {
      return base;
    }
    return new Rewrite.Exclusion(
        base, excluded.size() == 1 ? excluded.get(0) : new Rewrite.Union(excluded));
  }

  private static void addFlattened(List<Rewrite> union, Rewrite r) {
    if (r instanceof Rewrite.Union u) {
      union.addAll(u.children());
    } else {
      union.add(r);
    }
  }
}
