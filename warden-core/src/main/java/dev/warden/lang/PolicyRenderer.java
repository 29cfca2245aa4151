package dev.warden.lang;

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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a policy model as Warden source, so that a policy another front end built (an importer)
 * can be stored, versioned and activated like any other: compiling the text yields {@link
 * #normalised(Policy) the normalised policy}.
 *
 * <p>Types, relations, rules and conditions keep their order. A run of relations of one kind is one
 * {@code permissions}, {@code roles} or {@code relations} member. A role's subject types are not
 * written: the language derives them from the actor types, so a policy whose roles take anything
 * else cannot be written and is refused, as is a name the language cannot spell.
 *
 * <p>The normalisation, which changes no decision, is what the language cannot tell apart: rule
 * text and origin are the rendered text's; unions and conjunctions are flattened (a nested
 * exclusion's excluded parts join the enclosing one's); a CEL expression excluded directly reads as
 * its negation, {@code !(cel)}, among the positive parts.
 */
public final class PolicyRenderer {

  private PolicyRenderer() {}

  /** The Warden source of {@code policy}; throws IllegalArgumentException when it has none. */
  public static String render(Policy policy) {
    List<SubjectType> roleSubjects = roleSubjects(policy);
    StringBuilder sb = new StringBuilder();
    for (TypeDef t : policy.types().values()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      type(t, roleSubjects, sb);
    }
    for (ConditionDef c : policy.conditions().values()) {
      if (sb.length() > 0) {
        sb.append('\n');
      }
      condition(c, sb);
    }
    return sb.toString();
  }

  // --- declarations -----------------------------------------------------------------------------

  private static void type(TypeDef t, List<SubjectType> roleSubjects, StringBuilder sb) {
    sb.append(t.kind().keyword()).append(' ').append(name(t.name())).append(" {");
    List<String> members = new ArrayList<>();
    List<RelationDef> run = new ArrayList<>();
    for (RelationDef r : t.relations().values()) {
      if (r.name().equals(ExpressionParser.THIS)) {
        throw new IllegalArgumentException(
            "`" + t.name() + "#this`: `this` is reserved, no role, relation or permission has it");
      }
      if (r.kind() == RelationKind.ROLE && !r.subjectTypes().equals(roleSubjects)) {
        throw new IllegalArgumentException(
            "role `"
                + t.name()
                + "#"
                + r.name()
                + "` takes "
                + r.subjectTypes()
                + ", but a Warden role takes "
                + roleSubjects);
      }
      if (!run.isEmpty() && run.get(0).kind() != r.kind()) {
        members.add(member(run));
        run.clear();
      }
      run.add(r);
    }
    if (!run.isEmpty()) {
      members.add(member(run));
    }
    if (!t.attributes().isEmpty()) {
      List<String> attributes = new ArrayList<>();
      t.attributes().forEach((n, type) -> attributes.add(name(n) + ": " + type));
      members.add("attributes = { " + String.join(", ", attributes) + " };");
    }
    for (RelationDef r : t.relations().values()) {
      if (!r.kind().grantable() && r.usesThis()) {
        throw new IllegalArgumentException(
            "permission `" + t.name() + "#" + r.name() + "` has no grants for `this` to name");
      }
      for (Rule rule : r.rules()) {
        members.add(quoted(r.name()) + " if " + expr(rule.body()) + ";");
      }
    }
    if (members.isEmpty()) {
      sb.append("}\n");
      return;
    }
    sb.append('\n');
    members.forEach(m -> sb.append("  ").append(m).append('\n'));
    sb.append("}\n");
  }

  /** One member for a run of relations of one kind. */
  private static String member(List<RelationDef> run) {
    RelationKind kind = run.get(0).kind();
    List<String> items = new ArrayList<>();
    for (RelationDef r : run) {
      if (kind != RelationKind.RELATION) {
        items.add(quoted(r.name()));
        continue;
      }
      if (r.subjectTypes().isEmpty()) {
        throw new IllegalArgumentException("relation `" + r.name() + "` has no subject types");
      }
      List<String> subjects = new ArrayList<>();
      r.subjectTypes().forEach(s -> subjects.add(subject(s)));
      items.add(name(r.name()) + ": " + String.join(" | ", subjects));
    }
    return switch (kind) {
      case PERMISSION -> "permissions = [" + String.join(", ", items) + "];";
      case ROLE -> "roles = [" + String.join(", ", items) + "];";
      case RELATION -> "relations = { " + String.join(", ", items) + " };";
    };
  }

  private static String subject(SubjectType s) {
    String shape;
    if (s.wildcard()) {
      shape = name(s.type()) + ":*";
    } else {
      shape = s.relation() == null ? name(s.type()) : name(s.type()) + "#" + name(s.relation());
    }
    return s.condition() == null ? shape : shape + " with " + name(s.condition());
  }

  private static void condition(ConditionDef c, StringBuilder sb) {
    List<String> params = new ArrayList<>();
    for (Parameter p : c.parameters()) {
      params.add(name(p.name()) + ": " + p.type());
    }
    sb.append("condition ")
        .append(name(c.name()))
        .append('(')
        .append(String.join(", ", params))
        .append(") { ")
        .append(c.cel())
        .append(" }\n");
  }

  /** The role subject types the language derives, as {@link Lowering} does. */
  private static List<SubjectType> roleSubjects(Policy policy) {
    List<SubjectType> out = new ArrayList<>();
    for (TypeDef t : policy.types().values()) {
      if (t.kind() == TypeKind.ACTOR) {
        out.add(SubjectType.object(t.name()));
        out.add(SubjectType.wildcard(t.name()));
        t.relations()
            .forEach(
                (n, r) -> {
                  if (r.kind() == RelationKind.RELATION) {
                    out.add(SubjectType.userset(t.name(), n));
                  }
                });
      }
    }
    return out;
  }

  // --- rule bodies ------------------------------------------------------------------------------

  /** A rule body at {@code or} level. */
  private static String expr(Rewrite r) {
    if (r instanceof Rewrite.Union u) {
      List<String> parts = new ArrayList<>();
      for (Rewrite c : u.children()) {
        parts.add(c instanceof Rewrite.Union ? "(" + expr(c) + ")" : conjunct(c));
      }
      return String.join(" or ", parts);
    }
    return conjunct(r);
  }

  /** At {@code and} level: a union needs parentheses, a conjunction flattens into its parent. */
  private static String conjunct(Rewrite r) {
    if (r instanceof Rewrite.Intersection x) {
      List<String> parts = new ArrayList<>();
      x.children().forEach(c -> parts.add(conjunct(c)));
      return String.join(" and ", parts);
    } else if (r instanceof Rewrite.Exclusion e) {
      return conjunct(e.base()) + " and not " + primary(e.excluded());
    }
    return primary(r);
  }

  private static String primary(Rewrite r) {
    if (r instanceof Rewrite.Computed c) {
      return quoted(c.relation());
    } else if (r instanceof Rewrite.TupleToUserset t) {
      return quoted(t.computed()) + (t.all() ? " on all " : " on ") + quoted(t.tupleset());
    } else if (r instanceof Rewrite.Attribute a) {
      return "(" + a.cel() + ")";
    } else if (r instanceof Rewrite.Direct) {
      return ExpressionParser.THIS;
    }
    return "(" + expr(r) + ")";
  }

  private static String quoted(String relation) {
    return "\"" + name(relation) + "\"";
  }

  private static String name(String name) {
    if (!Lexer.isValidName(name)) {
      throw new IllegalArgumentException("`" + name + "` is not a name the language can spell");
    }
    return name;
  }

  // --- normalisation ----------------------------------------------------------------------------

  /**
   * True when {@code compiled}, the compilation of {@code policy}'s rendering, means the same as
   * {@code policy}: equal to its normalised form in everything but rule text and origin.
   */
  public static boolean sameMeaning(Policy policy, Policy compiled) {
    return withoutRuleText(normalised(policy)).equals(withoutRuleText(compiled));
  }

  /** {@code p} with every rule's text and origin blank: what rendering may change of a policy. */
  static Policy withoutRuleText(Policy p) {
    Map<String, TypeDef> types = new LinkedHashMap<>();
    for (TypeDef t : p.types().values()) {
      Map<String, RelationDef> relations = new LinkedHashMap<>();
      for (RelationDef r : t.relations().values()) {
        List<Rule> rules = r.rules().stream().map(x -> new Rule(x.body(), "", "")).toList();
        relations.put(r.name(), new RelationDef(r.name(), r.kind(), r.subjectTypes(), rules));
      }
      types.put(t.name(), new TypeDef(t.name(), t.kind(), relations, t.attributes()));
    }
    return new Policy(types, p.conditions());
  }

  /**
   * What compiling {@link #render(Policy)} yields, but for rule text and origin (kept as given).
   */
  public static Policy normalised(Policy policy) {
    Map<String, TypeDef> types = new LinkedHashMap<>();
    for (TypeDef t : policy.types().values()) {
      Map<String, RelationDef> relations = new LinkedHashMap<>();
      for (RelationDef r : t.relations().values()) {
        List<Rule> rules = new ArrayList<>();
        for (Rule rule : r.rules()) {
          rules.add(new Rule(normalised(rule.body()), rule.text(), rule.origin()));
        }
        relations.put(r.name(), new RelationDef(r.name(), r.kind(), r.subjectTypes(), rules));
      }
      types.put(t.name(), new TypeDef(t.name(), t.kind(), relations, t.attributes()));
    }
    return new Policy(types, policy.conditions());
  }

  private static Rewrite normalised(Rewrite r) {
    if (r instanceof Rewrite.Union u) {
      List<Rewrite> children = new ArrayList<>();
      u.children().forEach(c -> addFlattened(children, normalised(c)));
      return new Rewrite.Union(children);
    } else if (r instanceof Rewrite.Intersection || r instanceof Rewrite.Exclusion) {
      List<Rewrite> positive = new ArrayList<>();
      List<Rewrite> excluded = new ArrayList<>();
      conjuncts(r, positive, excluded);
      Rewrite base = positive.size() == 1 ? positive.get(0) : new Rewrite.Intersection(positive);
      if (excluded.isEmpty()) {
        return base;
      }
      return new Rewrite.Exclusion(
          base, excluded.size() == 1 ? excluded.get(0) : new Rewrite.Union(excluded));
    }
    return r;
  }

  private static void conjuncts(Rewrite r, List<Rewrite> positive, List<Rewrite> excluded) {
    if (r instanceof Rewrite.Intersection x) {
      x.children().forEach(c -> conjuncts(c, positive, excluded));
    } else if (r instanceof Rewrite.Exclusion e) {
      conjuncts(e.base(), positive, excluded);
      if (e.excluded() instanceof Rewrite.Attribute a) {
        positive.add(new Rewrite.Attribute("!(" + a.cel() + ")"));
      } else {
        addFlattened(excluded, normalised(e.excluded()));
      }
    } else {
      positive.add(normalised(r));
    }
  }

  private static void addFlattened(List<Rewrite> union, Rewrite r) {
    if (r instanceof Rewrite.Union u) {
      union.addAll(u.children());
    } else {
      union.add(r);
    }
  }
}
