package dev.warden.engine;

import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.JsonValues;
import dev.warden.api.Mutation;
import dev.warden.api.Suggestions;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.condition.Values;
import dev.warden.model.AttributeType;
import dev.warden.model.ConditionDef;
import dev.warden.model.Parameter;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.SubjectType;
import dev.warden.model.TypeDef;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Checks that writes fit the policy before they reach a store: grants only on declared grantable
 * relations, to subject shapes the relation accepts, under declared conditions with well-typed
 * parameters; attributes declared on the entity's type with values of the declared type. Deletes
 * are never policy-checked, so data left behind by an older policy can always be removed.
 */
public final class WriteValidator {

  private final Policy policy;

  WriteValidator(Policy policy) {
    this.policy = policy;
  }

  /** A validator for writes under {@code policy}, for writers that have no engine (imports). */
  public static WriteValidator forPolicy(Policy policy) {
    return new WriteValidator(java.util.Objects.requireNonNull(policy, "policy"));
  }

  /**
   * The batch with attribute values normalized, when every mutation fits the policy.
   *
   * @throws WardenException {@code INVALID_GRANT} listing every problem; nothing may be written
   */
  public WriteBatch validate(WriteBatch batch) {
    List<String> problems = new ArrayList<>();
    List<Mutation> out = new ArrayList<>(batch.mutations().size());
    for (Mutation m : batch.mutations()) {
      if (m instanceof Mutation.Create c) {
        check(c.grant(), problems);
        out.add(m);
      } else if (m instanceof Mutation.Touch t) {
        check(t.grant(), problems);
        out.add(m);
      } else if (m instanceof Mutation.SetAttributes s) {
        out.add(new Mutation.SetAttributes(s.entity(), attributes(s, problems)));
      } else {
        out.add(m);
      }
    }
    fail(problems);
    return new WriteBatch(out, batch.preconditions());
  }

  /** Checks request-only grants the same way as stored ones. */
  public void validateContextual(List<Grant> grants) {
    if (grants.isEmpty()) {
      return;
    }
    List<String> problems = new ArrayList<>();
    for (Grant g : grants) {
      check(g, problems);
    }
    fail(problems);
  }

  private static void fail(List<String> problems) {
    if (problems.isEmpty()) {
      return;
    }
    String message =
        problems.size() == 1
            ? problems.get(0)
            : problems.get(0) + " (and " + (problems.size() - 1) + " more problems)";
    throw new WardenException(ErrorCode.INVALID_GRANT, message, problems, null);
  }

  private void check(Grant g, List<String> problems) {
    TypeDef type = policy.type(g.resource().type());
    if (type == null) {
      problems.add(
          "grant `"
              + g
              + "`: type `"
              + g.resource().type()
              + "` is not declared"
              + Suggestions.didYouMean(g.resource().type(), policy.types().keySet()));
      return;
    }
    RelationDef r = type.relation(g.relation());
    if (r == null) {
      problems.add(
          "grant `"
              + g
              + "`: `"
              + type.name()
              + "` has no role or relation `"
              + g.relation()
              + "`"
              + Suggestions.didYouMean(g.relation(), type.relations().keySet()));
      return;
    }
    if (!r.kind().grantable()) {
      problems.add(
          "grant `"
              + g
              + "`: `"
              + g.relation()
              + "` is a permission of `"
              + type.name()
              + "`; permissions are computed by rules and cannot be granted, grant a role instead");
      return;
    }
    if (!r.allows(g.subject().type(), g.subject().relation(), g.subject().isWildcard())) {
      problems.add(
          "grant `"
              + g
              + "`: `"
              + type.name()
              + "#"
              + r.name()
              + "` does not accept `"
              + shape(g)
              + "`; it accepts "
              + accepted(r));
      return;
    }
    String condition = g.condition() == null ? null : g.condition().name();
    if (!r.admits(
        g.subject().type(), g.subject().relation(), g.subject().isWildcard(), condition)) {
      problems.add(requiredCondition(g, type, r, condition));
      return;
    }
    if (g.condition() != null) {
      checkCondition(g, g.condition(), problems);
    }
  }

  /**
   * Why a grant of an accepted shape is refused: its shape is listed only with other conditions.
   */
  private static String requiredCondition(Grant g, TypeDef type, RelationDef r, String condition) {
    List<String> required =
        r.subjectTypes().stream()
            .filter(
                st ->
                    st.shape()
                        .equals(
                            new SubjectType(
                                g.subject().type(),
                                g.subject().relation(),
                                g.subject().isWildcard())))
            .map(st -> "`" + st.condition() + "`")
            .toList();
    String what = required.size() == 1 ? "condition " : "one of the conditions ";
    return "grant `"
        + g
        + "`: `"
        + type.name()
        + "#"
        + r.name()
        + "` accepts `"
        + shape(g)
        + "` only with "
        + what
        + String.join(", ", required)
        + (condition == null ? ", and the grant has none" : ", not `" + condition + "`");
  }

  private static String shape(Grant g) {
    if (g.subject().isWildcard()) {
      return g.subject().type() + ":*";
    }
    return g.subject().isUserset()
        ? g.subject().type() + "#" + g.subject().relation()
        : g.subject().type();
  }

  private static String accepted(RelationDef r) {
    return r.subjectTypes().stream().map(SubjectType::toString).collect(Collectors.joining(", "));
  }

  private void checkCondition(Grant g, GrantCondition c, List<String> problems) {
    ConditionDef def = policy.condition(c.name());
    if (def == null) {
      problems.add(
          "grant `"
              + g
              + "`: condition `"
              + c.name()
              + "` is not declared"
              + Suggestions.didYouMean(c.name(), policy.conditions().keySet()));
      return;
    }
    c.context()
        .forEach(
            (name, value) -> {
              Parameter p = def.parameter(name);
              if (p == null) {
                problems.add(
                    "grant `"
                        + g
                        + "`: condition `"
                        + c.name()
                        + "` has no parameter `"
                        + name
                        + "`"
                        + Suggestions.didYouMean(
                            name, def.parameters().stream().map(Parameter::name).toList()));
              } else {
                String parameter = "grant `" + g + "`: parameter `" + name + "` of `" + c.name();
                String text = JsonValues.textProblem(value);
                if (!Values.fits(p.type(), value)) {
                  problems.add(
                      parameter + "` must be " + p.type() + ", not " + Values.describe(value));
                } else if (text != null) {
                  problems.add(parameter + "` " + text);
                }
              }
            });
  }

  private Map<String, Object> attributes(Mutation.SetAttributes s, List<String> problems) {
    TypeDef type = policy.type(s.entity().type());
    if (type == null) {
      problems.add(
          "attributes of `"
              + s.entity()
              + "`: type `"
              + s.entity().type()
              + "` is not declared"
              + Suggestions.didYouMean(s.entity().type(), policy.types().keySet()));
      return s.attributes();
    }
    Map<String, Object> normalized = new LinkedHashMap<>();
    s.attributes()
        .forEach(
            (name, value) -> {
              AttributeType t = type.attributes().get(name);
              if (t == null) {
                problems.add(
                    "attributes of `"
                        + s.entity()
                        + "`: `"
                        + type.name()
                        + "` declares no attribute `"
                        + name
                        + "`"
                        + Suggestions.didYouMean(name, type.attributes().keySet()));
              } else if (!Values.fits(t, value)) {
                problems.add(
                    "attributes of `"
                        + s.entity()
                        + "`: `"
                        + name
                        + "` must be "
                        + t
                        + ", not "
                        + Values.describe(value));
              } else if (JsonValues.textProblem(value) != null) {
                problems.add(
                    "attributes of `"
                        + s.entity()
                        + "`: `"
                        + name
                        + "` "
                        + JsonValues.textProblem(value));
              } else {
                normalized.put(name, JsonValues.normalize(value));
              }
            });
    return normalized;
  }
}
