package dev.warden.importer.openfga;

import dev.warden.condition.ExpressionChecker;
import dev.warden.condition.ExpressionIssue;
import dev.warden.condition.ExpressionScope;
import dev.warden.importer.ActorRule;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.ImportResult;
import dev.warden.importer.ModelCheck;
import dev.warden.importer.ParameterTypes;
import dev.warden.importer.TypeNames;
import dev.warden.importer.openfga.FgaModel.And;
import dev.warden.importer.openfga.FgaModel.ButNot;
import dev.warden.importer.openfga.FgaModel.Direct;
import dev.warden.importer.openfga.FgaModel.Expr;
import dev.warden.importer.openfga.FgaModel.From;
import dev.warden.importer.openfga.FgaModel.Or;
import dev.warden.importer.openfga.FgaModel.Ref;
import dev.warden.importer.openfga.FgaModel.Relation;
import dev.warden.importer.openfga.FgaModel.Restriction;
import dev.warden.importer.openfga.FgaModel.TypeBlock;
import dev.warden.lang.SourceFile;
import dev.warden.lang.Span;
import dev.warden.model.AttributeType;
import dev.warden.model.ConditionDef;
import dev.warden.model.Parameter;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import dev.warden.model.TypeKind;
import dev.warden.model.validate.Location;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns an OpenFGA DSL model (schema 1.1) into a validated Warden {@link Policy}. Never throws on
 * its input: whatever it cannot read or carry over is an {@link ImportDiagnostic}, and then there
 * is no policy. docs/import.md describes the mapping.
 */
public final class OpenFgaModelImporter {

  private final SourceFile source;
  private final List<ImportDiagnostic> diagnostics = new ArrayList<>();
  private final Map<String, Span> typeSpans = new HashMap<>();
  private final Map<String, Span> relationSpans = new HashMap<>();
  private final Map<String, List<Span>> subjectSpans = new HashMap<>();

  private OpenFgaModelImporter(SourceFile source) {
    this.source = source;
  }

  /** The Warden model of {@code source}, or the reasons there is none. */
  public static ImportResult importModel(SourceFile source) {
    OpenFgaModelImporter i = new OpenFgaModelImporter(source);
    Policy p;
    try {
      p = i.run();
    } catch (RuntimeException e) {
      // A bug here must not take the caller down: report it where the file starts.
      i.fail("FGA999", new Span(0, 0, 1, 1), "the importer failed: " + e, null);
      p = null;
    }
    List<ImportDiagnostic> found = new ArrayList<>(i.diagnostics);
    found.sort(Comparator.comparingInt(d -> d.span().start()));
    return new ImportResult(source, found.isEmpty() ? p : null, found);
  }

  private Policy run() {
    FgaModel.Model model = FgaParser.parse(source.text(), diagnostics);
    if (!diagnostics.isEmpty()) {
      return null;
    }
    List<TypeBlock> types = model.types();
    types.forEach(this::checkTuplesets);
    Set<String> actors = actors(types);
    Map<String, TypeDef> defs = new LinkedHashMap<>();
    for (TypeBlock t : types) {
      TypeDef d = type(t, actors.contains(t.name()) ? TypeKind.ACTOR : TypeKind.RESOURCE);
      if (d != null && defs.putIfAbsent(d.name(), d) != null) {
        fail("FGA205", t.span(), "type `" + t.name() + "` is declared twice", null);
      }
    }
    Map<String, ConditionDef> conditions = new LinkedHashMap<>();
    Set<String> used = usedConditions(types);
    for (FgaModel.Condition c : model.conditions()) {
      if (!used.contains(c.name())) {
        fail(
            "FGA207",
            c.span(),
            "condition `" + c.name() + "` is not used by any type restriction",
            "OpenFGA rejects an unused condition too; use it (`[user with "
                + c.name()
                + "]`) or remove it");
        continue;
      }
      ConditionDef def = condition(c);
      if (def != null && conditions.putIfAbsent(def.name(), def) != null) {
        fail("FGA205", c.span(), "condition `" + c.name() + "` is declared twice", null);
      }
    }
    if (!diagnostics.isEmpty()) {
      return null;
    }
    Policy policy = new Policy(defs, conditions);
    diagnostics.addAll(ModelCheck.problems(policy, this::where, "FGA206"));
    return policy;
  }

  private TypeDef type(TypeBlock t, TypeKind kind) {
    if (!TypeNames.importableType(t.name())) {
      fail(
          "FGA202",
          t.span(),
          "type name `" + t.name() + "` has no Warden spelling",
          "Warden type names are `[a-z][A-Za-z0-9_]*` here (capitalised on import), at most 64"
              + " characters");
      return null;
    }
    String name = TypeNames.toWarden(t.name());
    typeSpans.put(name, t.span());
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    for (Relation r : t.relations()) {
      RelationDef d = relation(name, r);
      if (d != null && relations.putIfAbsent(d.name(), d) != null) {
        fail("FGA205", r.span(), "relation `" + r.name() + "` is defined twice", null);
      }
    }
    return new TypeDef(name, kind, relations, Map.of());
  }

  /**
   * OpenFGA's own rule: the relation after {@code from} may list only plain types. Warden's model
   * would accept a userset there (walking to its object, as SpiceDB does), so the importer refuses
   * what OpenFGA refuses rather than give such a model a meaning OpenFGA never gave it.
   */
  private void checkTuplesets(TypeBlock t) {
    Set<String> withUsersets = new HashSet<>();
    for (Relation r : t.relations()) {
      List<Expr> members = r.expr() instanceof Or or ? or.children() : List.of(r.expr());
      for (Expr m : members) {
        if (m instanceof Direct d && d.types().stream().anyMatch(x -> x.relation() != null)) {
          withUsersets.add(r.name());
        }
      }
    }
    for (Relation r : t.relations()) {
      froms(r.expr(), new ArrayList<>()).stream()
          .filter(f -> withUsersets.contains(f.tupleset()))
          .forEach(
              f ->
                  fail(
                      "FGA208",
                      f.span(),
                      "`from " + f.tupleset() + "`: `" + f.tupleset() + "` admits usersets",
                      "OpenFGA allows only plain types (`[folder]`) in the relation after `from`"));
    }
  }

  private static List<From> froms(Expr e, List<From> out) {
    if (e instanceof From f) {
      out.add(f);
    } else if (e instanceof Or or) {
      or.children().forEach(c -> froms(c, out));
    } else if (e instanceof And and) {
      and.children().forEach(c -> froms(c, out));
    } else if (e instanceof ButNot b) {
      froms(b.base(), out);
      froms(b.excluded(), out);
    }
    return out;
  }

  private RelationDef relation(String type, Relation r) {
    if (!TypeNames.importableRelation(r.name())) {
      fail(
          "FGA202",
          r.span(),
          "relation name `" + r.name() + "` has no Warden spelling",
          "Warden relation names are `[A-Za-z_][A-Za-z0-9_]*`, at most 64 characters, and not a"
              + " keyword");
      return null;
    }
    String key = type + "#" + r.name();
    relationSpans.put(key, r.span());
    List<Expr> members = r.expr() instanceof Or or ? or.children() : List.of(r.expr());
    List<SubjectType> subjects = new ArrayList<>();
    List<Span> spans = new ArrayList<>();
    Set<SubjectType> plain = new HashSet<>();
    List<Rule> rules = new ArrayList<>();
    int before = diagnostics.size();
    List<Direct> assignable = new ArrayList<>();
    Span united = null;
    for (Expr m : members) {
      if (m instanceof Direct d) {
        assignable.add(d);
        united = d.span();
      } else {
        nested(m, assignable);
        Rewrite body = rewrite(m);
        String text = "\"" + r.name() + "\" if " + body;
        rules.add(new Rule(body, text, source.name() + ":" + m.span()));
      }
    }
    for (Direct d : assignable) {
      for (Restriction x : d.types()) {
        SubjectType st = subject(x);
        // `[user, user with cond]` is two restrictions of one type, and fine.
        if (!plain.add(st)) {
          fail("FGA205", x.span(), "`" + st + "` is listed twice", "list each type once");
        }
        subjects.add(st);
        spans.add(x.span());
      }
    }
    // `[user]` inside `and` or `but not` is Warden's `this`, which ends the implicit union with
    // the grants: a `[...]` beside it in the top-level union then needs a `this` rule of its own.
    if (united != null && rules.stream().anyMatch(x -> RelationDef.mentionsDirect(x.body()))) {
      String text = "\"" + r.name() + "\" if this";
      rules.add(0, new Rule(new Rewrite.Direct(), text, source.name() + ":" + united));
    }
    subjectSpans.put(key, spans);
    if (diagnostics.size() > before) {
      return null;
    }
    RelationKind kind = subjects.isEmpty() ? RelationKind.PERMISSION : RelationKind.RELATION;
    return new RelationDef(r.name(), kind, subjects, rules);
  }

  private SubjectType subject(Restriction x) {
    if (!TypeNames.importableType(x.type())) {
      fail("FGA202", x.span(), "type name `" + x.type() + "` has no Warden spelling", null);
      return SubjectType.object("X");
    }
    String t = TypeNames.toWarden(x.type());
    SubjectType shape;
    if (x.wildcard()) {
      shape = SubjectType.wildcard(t);
    } else {
      shape = x.relation() == null ? SubjectType.object(t) : SubjectType.userset(t, x.relation());
    }
    return shape.with(x.condition());
  }

  /** A Warden condition for {@code c}: the CEL stays CEL, checked over the mapped parameters. */
  private ConditionDef condition(FgaModel.Condition c) {
    if (!TypeNames.importableRelation(c.name())) {
      fail(
          "FGA202",
          c.span(),
          "condition name `" + c.name() + "` has no Warden spelling",
          "Warden condition names are `[A-Za-z_][A-Za-z0-9_]*`, at most 64 characters, and not a"
              + " keyword");
      return null;
    }
    List<Parameter> params = new ArrayList<>();
    Set<String> names = new HashSet<>();
    for (FgaModel.Param p : c.params()) {
      AttributeType t = ParameterTypes.toWarden(p.type());
      if (!names.add(p.name())) {
        fail("FGA205", p.span(), "parameter `" + p.name() + "` is declared twice", null);
      } else if (t == null) {
        fail(
            "FGA201",
            p.typeSpan(),
            "condition parameter type `" + p.type() + "` has no Warden counterpart",
            "Warden condition parameters are bool, string, int, uint, double, duration, timestamp,"
                + " ipaddress, list<T> and map<T>; CEL cannot check an expression over `any`");
      } else if (!TypeNames.importableRelation(p.name()) || p.name().equals("context")) {
        fail("FGA202", p.span(), "parameter name `" + p.name() + "` has no Warden spelling", null);
      } else {
        params.add(new Parameter(p.name(), t));
      }
    }
    if (params.size() < c.params().size()) {
      return null;
    }
    int before = diagnostics.size();
    for (ExpressionIssue issue :
        ExpressionChecker.check(c.body(), ExpressionScope.forCondition(params))) {
      Span at =
          FgaConditionReader.at(
              source.text(), c.bodySpan().start() + issue.offset(), issue.length());
      String code =
          switch (issue.kind()) {
            case SYNTAX -> "P601";
            case TYPE -> "P602";
            case UNKNOWN_ATTRIBUTE -> "P603";
            case UNKNOWN_NAME -> "P604";
          };
      fail(code, at, "condition `" + c.name() + "`: " + issue.message(), null);
    }
    return diagnostics.size() > before ? null : new ConditionDef(c.name(), params, c.body());
  }

  private Rewrite rewrite(Expr e) {
    if (e instanceof Ref ref) {
      return new Rewrite.Computed(ref.relation());
    }
    if (e instanceof From f) {
      return new Rewrite.TupleToUserset(f.tupleset(), f.computed());
    }
    if (e instanceof Or or) {
      return new Rewrite.Union(or.children().stream().map(this::rewrite).toList());
    }
    if (e instanceof And and) {
      return new Rewrite.Intersection(and.children().stream().map(this::rewrite).toList());
    }
    if (e instanceof ButNot b) {
      return new Rewrite.Exclusion(rewrite(b.base()), rewrite(b.excluded()));
    }
    // `[...]` below the top-level union: the relation's own grants where they stand (`this`).
    return new Rewrite.Direct();
  }

  /** The {@code [...]} inside a rule (below {@code and}, {@code but not} or parentheses). */
  private static void nested(Expr e, List<Direct> out) {
    if (e instanceof Direct d) {
      out.add(d);
    } else if (e instanceof Or or) {
      or.children().forEach(c -> nested(c, out));
    } else if (e instanceof And and) {
      and.children().forEach(c -> nested(c, out));
    } else if (e instanceof ButNot b) {
      nested(b.base(), out);
      nested(b.excluded(), out);
    }
  }

  private Span where(Location at) {
    String key = at.type() + "#" + at.relation();
    if (at instanceof Location.Subject s) {
      List<Span> spans = subjectSpans.getOrDefault(key, List.of());
      if (s.index() >= 0 && s.index() < spans.size()) {
        return spans.get(s.index());
      }
    }
    Span s = relationSpans.get(key);
    if (s == null) {
      s = typeSpans.get(at.type());
    }
    return s == null ? new Span(0, 0, 1, 1) : s;
  }

  private void fail(String code, Span span, String message, String hint) {
    diagnostics.add(new ImportDiagnostic(code, message, span, hint));
  }

  /** Every condition a type restriction names. */
  private static Set<String> usedConditions(List<TypeBlock> types) {
    Set<String> out = new HashSet<>();
    for (TypeBlock t : types) {
      t.relations().forEach(r -> conditionsOf(r.expr(), out));
    }
    return out;
  }

  private static void conditionsOf(Expr e, Set<String> out) {
    if (e instanceof Direct d) {
      d.types().stream().map(Restriction::condition).filter(c -> c != null).forEach(out::add);
    } else if (e instanceof Or or) {
      or.children().forEach(c -> conditionsOf(c, out));
    } else if (e instanceof And and) {
      and.children().forEach(c -> conditionsOf(c, out));
    } else if (e instanceof ButNot b) {
      conditionsOf(b.base(), out);
      conditionsOf(b.excluded(), out);
    }
  }

  /** The directly assignable subjects and arrow tuplesets of every type, for {@link ActorRule}. */
  private static Set<String> actors(List<TypeBlock> types) {
    Map<String, Map<String, List<ActorRule.Subject>>> direct = new HashMap<>();
    Map<String, Set<String>> arrows = new HashMap<>();
    for (TypeBlock t : types) {
      Map<String, List<ActorRule.Subject>> rs = new HashMap<>();
      Set<String> tuplesets = new HashSet<>();
      for (Relation r : t.relations()) {
        List<ActorRule.Subject> list = new ArrayList<>();
        collect(r.expr(), list, tuplesets);
        rs.put(r.name(), list);
      }
      direct.put(t.name(), rs);
      arrows.put(t.name(), tuplesets);
    }
    return ActorRule.actors(direct, arrows);
  }

  private static void collect(Expr e, List<ActorRule.Subject> out, Set<String> tuplesets) {
    if (e instanceof Direct d) {
      d.types().forEach(x -> out.add(new ActorRule.Subject(x.type(), x.relation())));
    }
    if (e instanceof From f) {
      tuplesets.add(f.tupleset());
    }
    List<Expr> children = List.of();
    if (e instanceof Or or) {
      children = or.children();
    } else if (e instanceof And and) {
      children = and.children();
    } else if (e instanceof ButNot b) {
      children = List.of(b.base(), b.excluded());
    }
    children.forEach(c -> collect(c, out, tuplesets));
  }
}
