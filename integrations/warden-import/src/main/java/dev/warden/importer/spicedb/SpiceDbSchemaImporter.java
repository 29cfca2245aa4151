package dev.warden.importer.spicedb;

import dev.warden.importer.ActorRule;
import dev.warden.importer.ImportDiagnostic;
import dev.warden.importer.ImportResult;
import dev.warden.importer.ModelCheck;
import dev.warden.importer.TypeNames;
import dev.warden.importer.spicedb.SdbModel.Allowed;
import dev.warden.importer.spicedb.SdbModel.Arrow;
import dev.warden.importer.spicedb.SdbModel.Binary;
import dev.warden.importer.spicedb.SdbModel.Caveat;
import dev.warden.importer.spicedb.SdbModel.Definition;
import dev.warden.importer.spicedb.SdbModel.Expr;
import dev.warden.importer.spicedb.SdbModel.Nil;
import dev.warden.importer.spicedb.SdbModel.Param;
import dev.warden.importer.spicedb.SdbModel.Permission;
import dev.warden.importer.spicedb.SdbModel.Ref;
import dev.warden.importer.spicedb.SdbModel.Relation;
import dev.warden.importer.spicedb.SdbModel.Schema;
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
 * Turns a SpiceDB schema into a validated Warden {@link Policy}. Never throws on its input:
 * whatever it cannot read ({@code SDB1xx}) or carry over ({@code SDB2xx}, or a model validator
 * code) is an {@link ImportDiagnostic}, and then there is no policy. docs/import.md describes the
 * mapping.
 */
public final class SpiceDbSchemaImporter {

  private final SourceFile source;
  private final List<ImportDiagnostic> diagnostics = new ArrayList<>();
  private final Map<String, Span> spans = new HashMap<>();

  private SpiceDbSchemaImporter(SourceFile source) {
    this.source = source;
  }

  /** The Warden model of {@code source}, or the reasons there is none. */
  public static ImportResult importSchema(SourceFile source) {
    SpiceDbSchemaImporter i = new SpiceDbSchemaImporter(source);
    Policy p;
    try {
      p = i.run();
    } catch (RuntimeException e) {
      // A bug here must not take the caller down: report it where the file starts.
      i.fail("SDB999", new Span(0, 0, 1, 1), "the importer failed: " + e, null);
      p = null;
    }
    List<ImportDiagnostic> found = new ArrayList<>(i.diagnostics);
    found.sort(Comparator.comparingInt(d -> d.span().start()));
    return new ImportResult(source, found.isEmpty() ? p : null, found);
  }

  private Policy run() {
    Schema schema = SdbParser.parse(source.text(), diagnostics);
    if (schema == null) {
      return null;
    }
    Set<String> actors = actors(schema);
    Map<String, TypeDef> types = new LinkedHashMap<>();
    for (Definition d : schema.definitions()) {
      TypeDef t = type(d, actors.contains(d.name()) ? TypeKind.ACTOR : TypeKind.RESOURCE);
      if (t != null && types.putIfAbsent(t.name(), t) != null) {
        fail("SDB206", d.span(), "definition `" + d.name() + "` is declared twice", null);
      }
    }
    Map<String, ConditionDef> conditions = new LinkedHashMap<>();
    for (Caveat c : schema.caveats()) {
      ConditionDef def = condition(c);
      if (def != null && conditions.putIfAbsent(def.name(), def) != null) {
        fail("SDB206", c.span(), "caveat `" + c.name() + "` is declared twice", null);
      }
    }
    if (!diagnostics.isEmpty()) {
      return null;
    }
    Policy policy = new Policy(types, conditions);
    diagnostics.addAll(ModelCheck.problems(policy, this::where, "SDB207"));
    return policy;
  }

  private TypeDef type(Definition d, TypeKind kind) {
    if (!TypeNames.importableType(d.name())) {
      fail(
          "SDB203",
          d.span(),
          "definition name `" + d.name() + "` has no Warden spelling",
          namesHint(d.name()));
      return null;
    }
    String name = TypeNames.toWarden(d.name());
    spans.put(name, d.span());
    Map<String, RelationDef> relations = new LinkedHashMap<>();
    int before = diagnostics.size();
    for (Relation r : d.relations()) {
      RelationDef def = relation(name, r);
      if (def != null && relations.putIfAbsent(def.name(), def) != null) {
        fail("SDB206", r.span(), "`" + r.name() + "` is defined twice", null);
      }
    }
    for (Permission p : d.perms()) {
      RelationDef def = permission(name, p);
      if (def != null && relations.putIfAbsent(def.name(), def) != null) {
        fail("SDB206", p.span(), "`" + p.name() + "` is defined twice", null);
      }
    }
    return diagnostics.size() > before ? null : new TypeDef(name, kind, relations, Map.of());
  }

  private boolean relationName(String name, Span span) {
    if (TypeNames.importableRelation(name)) {
      return true;
    }
    fail(
        "SDB203",
        span,
        "name `" + name + "` has no Warden spelling",
        "Warden relation names are `[A-Za-z_][A-Za-z0-9_]*`, at most 64 characters, and not a"
            + " keyword");
    return false;
  }

  private RelationDef relation(String type, Relation r) {
    if (!relationName(r.name(), r.span())) {
      return null;
    }
    String key = type + "#" + r.name();
    spans.put(key, r.span());
    List<SubjectType> subjects = new ArrayList<>();
    Set<SubjectType> seen = new HashSet<>();
    int i = 0;
    for (Allowed a : r.allowed()) {
      SubjectType st = subject(a);
      if (st == null) {
        continue;
      }
      // `user | user with c` is two subject types of one shape, and fine.
      if (seen.add(st)) {
        spans.put(key + "@" + i++, a.span());
        subjects.add(st);
      } else {
        fail("SDB206", a.span(), "`" + st + "` is listed twice", "list each type once");
      }
    }
    return new RelationDef(r.name(), RelationKind.RELATION, subjects, List.of());
  }

  private SubjectType subject(Allowed a) {
    if (a.expiration()) {
      fail(
          "SDB202",
          a.with(),
          "expiring relationships (`with expiration`) are not imported",
          "Warden grants do not expire; express the deadline as a condition over `context.now`");
    }
    if (!TypeNames.importableType(a.type())) {
      fail(
          "SDB203",
          a.span(),
          "type name `" + a.type() + "` has no Warden spelling",
          namesHint(a.type()));
      return null;
    }
    String t = TypeNames.toWarden(a.type());
    if (a.wildcard()) {
      return SubjectType.wildcard(t).with(a.caveat());
    }
    if (a.relation() == null) {
      return SubjectType.object(t).with(a.caveat());
    }
    return relationName(a.relation(), a.span())
        ? SubjectType.userset(t, a.relation()).with(a.caveat())
        : null;
  }

  private RelationDef permission(String type, Permission p) {
    if (!relationName(p.name(), p.span())) {
      return null;
    }
    String key = type + "#" + p.name();
    spans.put(key, p.span());
    int before = diagnostics.size();
    Rewrite body = rewrite(p.expr(), key + "/0", List.of());
    if (diagnostics.size() > before) {
      return null;
    }
    List<Rule> rules =
        body == null
            ? List.of()
            : List.of(
                new Rule(
                    body,
                    "\"" + p.name() + "\" if " + body,
                    source.name() + ":" + p.expr().span()));
    return new RelationDef(p.name(), RelationKind.PERMISSION, List.of(), rules);
  }

  /** The rewrite of {@code e}, or null for the empty set ({@code nil}, folded away). */
  private Rewrite rewrite(Expr e, String rule, List<Integer> path) {
    if (e instanceof Nil) {
      return null;
    }
    spans.put(rule + path, e.span());
    if (e instanceof Ref r) {
      return new Rewrite.Computed(r.name());
    }
    if (e instanceof SdbModel.Chain) {
      fail(
          "SDB208",
          e.span(),
          "a chained arrow is not imported",
          "Warden's `on` follows one relation; define the first step as a permission of the"
              + " related type and arrow to that");
      return new Rewrite.Computed("_");
    }
    if (e instanceof Arrow a) {
      return a.all()
          ? Rewrite.TupleToUserset.all(a.tupleset(), a.computed())
          : new Rewrite.TupleToUserset(a.tupleset(), a.computed());
    }
    Binary b = (Binary) e;
    if (b.op() == '-') {
      Rewrite base = rewrite(b.left(), rule, append(path, 0));
      Rewrite excluded = rewrite(b.right(), rule, append(path, 1));
      if (base == null || excluded == null) {
        return base;
      }
      return new Rewrite.Exclusion(base, excluded);
    }
    List<Expr> operands = new ArrayList<>();
    flatten(b, b.op(), operands);
    List<Rewrite> children = new ArrayList<>();
    for (Expr operand : operands) {
      Rewrite r = rewrite(operand, rule, append(path, children.size()));
      if (r != null) {
        children.add(r);
      } else if (b.op() == '&') {
        return null;
      }
    }
    if (children.size() < 2) {
      return children.isEmpty() ? null : children.get(0);
    }
    return b.op() == '+' ? new Rewrite.Union(children) : new Rewrite.Intersection(children);
  }

  private static void flatten(Expr e, char op, List<Expr> out) {
    if (e instanceof Binary b && b.op() == op) {
      flatten(b.left(), op, out);
      flatten(b.right(), op, out);
    } else {
      out.add(e);
    }
  }

  private static List<Integer> append(List<Integer> path, int i) {
    List<Integer> out = new ArrayList<>(path);
    out.add(i);
    return out;
  }

  private ConditionDef condition(Caveat c) {
    if (!TypeNames.importableRelation(c.name())) {
      fail(
          "SDB203",
          c.span(),
          "caveat name `" + c.name() + "` has no Warden spelling",
          namesHint(c.name()));
      return null;
    }
    List<Parameter> params = new ArrayList<>();
    for (Param p : c.params()) {
      AttributeType t = CaveatTypes.toWarden(p.type());
      if (t == null) {
        fail(
            "SDB205",
            p.span(),
            "caveat parameter type `" + p.type() + "` has no Warden counterpart",
            "Warden condition parameters are int, bool, string, double, duration, timestamp and"
                + " list<T> of those");
      } else {
        params.add(new Parameter(p.name(), t));
      }
    }
    return params.size() < c.params().size() ? null : new ConditionDef(c.name(), params, c.cel());
  }

  private static String namesHint(String name) {
    return name.contains("/")
        ? "Warden has no namespaced names; rename `" + name + "` without its `/` prefix"
        : "Warden type names are `[a-z][A-Za-z0-9_]*` here (capitalised on import), at most 64"
            + " characters";
  }

  private Span where(Location at) {
    String key = at.type() + "#" + at.relation();
    Span s = null;
    if (at instanceof Location.Subject sub) {
      s = spans.get(key + "@" + sub.index());
    } else if (at instanceof Location.Part part) {
      s = spans.get(key + "/" + part.rule() + part.path());
    }
    if (s == null) {
      s = spans.get(key);
    }
    if (s == null) {
      s = spans.get(at.type());
    }
    return s == null ? new Span(0, 0, 1, 1) : s;
  }

  private static Set<String> actors(Schema schema) {
    Map<String, Map<String, List<ActorRule.Subject>>> direct = new HashMap<>();
    Map<String, Set<String>> arrows = new HashMap<>();
    for (Definition d : schema.definitions()) {
      Map<String, List<ActorRule.Subject>> rs = new HashMap<>();
      for (Relation r : d.relations()) {
        rs.put(
            r.name(),
            r.allowed().stream().map(a -> new ActorRule.Subject(a.type(), a.relation())).toList());
      }
      for (Permission p : d.perms()) {
        rs.put(p.name(), List.of());
      }
      Set<String> tuplesets = new HashSet<>();
      d.perms().forEach(p -> tuplesets(p.expr(), tuplesets));
      direct.put(d.name(), rs);
      arrows.put(d.name(), tuplesets);
    }
    return ActorRule.actors(direct, arrows);
  }

  private static void tuplesets(Expr e, Set<String> out) {
    if (e instanceof Arrow a) {
      out.add(a.tupleset());
    } else if (e instanceof Binary b) {
      tuplesets(b.left(), out);
      tuplesets(b.right(), out);
    }
  }

  private void fail(String code, Span span, String message, String hint) {
    diagnostics.add(new ImportDiagnostic(code, message, span, hint));
  }
}
