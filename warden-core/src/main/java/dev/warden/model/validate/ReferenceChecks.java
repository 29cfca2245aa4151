package dev.warden.model.validate;

import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Every name a policy refers to resolves: subject types and their userset relations, the relations
 * rules compute, and what {@code on} follows (a plain relation, whose target types declare the
 * computed relation).
 */
final class ReferenceChecks {

  private final Policy policy;
  private final Recovery recovery;
  private final List<Problem> out;

  private ReferenceChecks(Policy policy, Recovery recovery, List<Problem> out) {
    this.policy = policy;
    this.recovery = recovery;
    this.out = out;
  }

  static void check(Policy policy, Recovery recovery, List<Problem> out) {
    ReferenceChecks c = new ReferenceChecks(policy, recovery, out);
    for (TypeDef t : policy.types().values()) {
      t.relations().values().forEach(r -> c.checkSubjects(t, r));
      RuleParts.ofType(t, c::checkRef);
    }
    RuleParts.ofStrays(policy, recovery.strayRules(), c::checkRef);
  }

  private boolean partial(TypeDef t) {
    return recovery.partialTypes().contains(t.name());
  }

  private void checkSubjects(TypeDef t, RelationDef r) {
    for (int i = 0; i < r.subjectTypes().size(); i++) {
      SubjectType s = r.subjectTypes().get(i);
      Location at = new Location.Subject(t.name(), r.name(), i);
      TypeDef target = policy.type(s.type());
      if (target == null) {
        out.add(
            new Problem(
                ProblemCode.P301,
                "unknown type `" + s.type() + "`",
                "declare it with `actor " + s.type() + " {}` or `resource " + s.type() + " {}`",
                at,
                s.type(),
                List.copyOf(policy.types().keySet())));
      } else if (s.relation() != null
          && target.relation(s.relation()) == null
          && !partial(target)) {
        out.add(unknownRelation(ProblemCode.P305, at, s.relation(), target));
      }
      if (s.condition() != null && policy.condition(s.condition()) == null) {
        out.add(
            new Problem(
                ProblemCode.P306,
                "unknown condition `" + s.condition() + "` in `" + s + "`",
                "declare it with `condition " + s.condition() + "(...) { ... }`",
                at,
                s.condition(),
                List.copyOf(policy.conditions().keySet())));
      }
    }
  }

  private void checkRef(RuleParts.Ref ref) {
    TypeDef t = ref.owner();
    if (ref.part() instanceof Rewrite.Computed c) {
      if (t.relation(c.relation()) == null && !partial(t)) {
        out.add(
            new Problem(
                ProblemCode.P302,
                "unknown role or permission `" + c.relation() + "` on `" + t.name() + "`",
                "declare it in `permissions` or `roles` of `" + t.name() + "`",
                ref.at(),
                c.relation(),
                List.copyOf(t.relations().keySet())));
      }
    } else if (ref.part() instanceof Rewrite.TupleToUserset ttu) {
      checkOn(t, ttu, ref.at());
    } else if (ref.part() instanceof Rewrite.Direct) {
      checkThis(t, ref.at());
    }
  }

  /** P404: only a role or relation has grants for {@code this} to name. */
  private void checkThis(TypeDef t, Location.Part at) {
    RelationDef head = t.relation(at.relation());
    if (head != null && !head.kind().grantable()) {
      out.add(
          Problem.of(
              ProblemCode.P404,
              at,
              "`this` in a rule of permission `" + head.name() + "`, which has no grants",
              "`this` names the grants of a role or relation; name the role or relation whose"
                  + " grants count, as in `\"view\" if \"viewer\" and not \"blocked\"`"));
    }
  }

  private void checkOn(TypeDef t, Rewrite.TupleToUserset on, Location.Part at) {
    Location tupleset = RuleParts.focus(at, Location.Focus.TUPLESET);
    RelationDef rel = t.relation(on.tupleset());
    if (rel == null) {
      if (!partial(t)) {
        out.add(unknownRelation(ProblemCode.P304, tupleset, on.tupleset(), t));
      }
      return;
    }
    if (rel.kind() != RelationKind.RELATION) {
      out.add(
          Problem.of(
              ProblemCode.P402,
              tupleset,
              "`on` needs a relation, but `" + rel.name() + "` is a " + rel.kind().word(),
              "declare it in `relations`, with the types it points to, as in `parent: Folder`"));
      return;
    }
    if (!followable(rel)) {
      out.add(
          Problem.of(
              ProblemCode.P402,
              tupleset,
              "`on` cannot follow `" + rel.name() + "`, which allows wildcards",
              "a wildcard grant stands for every object of a type, which `on` cannot walk; `on`"
                  + " follows relations to objects or usersets, as in `parent: Folder` or"
                  + " `team: Team#member`"));
      return;
    }
    checkOnTargets(rel, on, RuleParts.focus(at, Location.Focus.COMPUTED));
  }

  private void checkOnTargets(RelationDef rel, Rewrite.TupleToUserset on, Location at) {
    String wanted = on.computed();
    Set<String> offered = new LinkedHashSet<>();
    List<String> targetNames = new ArrayList<>();
    for (SubjectType s : rel.subjectTypes()) {
      TypeDef target = policy.type(s.type());
      if (target == null || partial(target)) {
        return; // unknown (P301) or partly read: nothing sure to say
      }
      if (target.relation(wanted) != null) {
        return;
      }
      offered.addAll(target.relations().keySet());
      targetNames.add(target.name());
    }
    if (targetNames.isEmpty()) {
      return;
    }
    out.add(
        new Problem(
            ProblemCode.P401,
            "no type related through `" + on.tupleset() + "` declares `" + wanted + "`",
            "`" + on.tupleset() + "` points to " + joinTicked(targetNames),
            at,
            wanted,
            List.copyOf(offered)));
  }

  private static Problem unknownRelation(ProblemCode code, Location at, String name, TypeDef in) {
    return new Problem(
        code,
        "unknown relation `" + name + "` on `" + in.name() + "`",
        null,
        at,
        name,
        List.copyOf(in.relations().keySet()));
  }

  /**
   * True for a relation without wildcard subjects: one {@code on} may follow. A userset subject
   * ({@code team:x#member}) leads to its object ({@code team:x}).
   */
  static boolean followable(RelationDef r) {
    return r.kind() == RelationKind.RELATION
        && r.subjectTypes().stream().noneMatch(SubjectType::wildcard);
  }

  private static String joinTicked(List<String> names) {
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
