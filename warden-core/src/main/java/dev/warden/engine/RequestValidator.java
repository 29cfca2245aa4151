package dev.warden.engine;

import dev.warden.api.JsonValues;
import dev.warden.api.Suggestions;
import dev.warden.api.WardenException;
import dev.warden.condition.Values;
import dev.warden.model.AttributeType;
import dev.warden.model.ConditionDef;
import dev.warden.model.Parameter;
import dev.warden.model.Policy;
import dev.warden.model.TypeDef;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks the values a request brings with it against the policy, as stored values are checked when
 * written: a just-in-time attribute must be declared on its entity's type and fit the declared
 * type, and a context value named like a condition parameter must fit that parameter's type. A
 * misspelt name or a wrong type would otherwise read as a missing value, which silently denies.
 *
 * <p>Context keys that name no parameter are free-form ({@code context.ip} in a rule), and {@code
 * context.now} is the clock, checked where the clock is chosen.
 */
final class RequestValidator {

  private final Map<String, List<Parameter>> parameters;

  RequestValidator(Policy policy) {
    Map<String, List<Parameter>> byName = new LinkedHashMap<>();
    for (ConditionDef c : policy.conditions().values()) {
      for (Parameter p : c.parameters()) {
        byName.computeIfAbsent(p.name(), k -> new ArrayList<>()).add(p);
      }
    }
    byName.replaceAll((k, v) -> List.copyOf(v));
    this.parameters = Collections.unmodifiableMap(byName);
  }

  /**
   * Just-in-time attributes of an entity of {@code type}; {@code path} names them in the request,
   * such as {@code checks[2].actor.attributes}.
   *
   * @throws WardenException {@code INVALID_REQUEST} naming the first attribute that does not fit
   */
  void attributes(TypeDef type, Map<String, Object> values, String path) {
    for (Map.Entry<String, Object> e : values.entrySet()) {
      String at = path + "." + e.getKey();
      AttributeType t = type.attributes().get(e.getKey());
      if (t == null) {
        throw WardenException.invalid(
            "`"
                + at
                + "`: `"
                + type.name()
                + "` declares no attribute `"
                + e.getKey()
                + "`"
                + Suggestions.didYouMean(e.getKey(), type.attributes().keySet()));
      }
      if (!Values.fits(t, e.getValue())) {
        throw WardenException.invalid(
            "`" + at + "` must be " + t + ", not " + Values.describe(e.getValue()));
      }
      wellFormed(e.getValue(), at);
    }
  }

  /**
   * The request context: values named like a condition parameter fit one of the types declared for
   * that name, and every string is well-formed Unicode.
   *
   * @throws WardenException {@code INVALID_REQUEST} naming the first value that does not fit
   */
  void context(Map<String, Object> context, String path) {
    for (Map.Entry<String, Object> e : context.entrySet()) {
      String at = path + "." + e.getKey();
      wellFormed(e.getValue(), at);
      List<Parameter> declared = parameters.get(e.getKey());
      if (declared == null || e.getKey().equals("now")) {
        continue;
      }
      if (declared.stream().noneMatch(p -> Values.fits(p.type(), e.getValue()))) {
        Set<String> types = new LinkedHashSet<>();
        declared.forEach(p -> types.add(p.type().toString()));
        throw WardenException.invalid(
            "`"
                + at
                + "` must be "
                + String.join(" or ", types)
                + " (a condition parameter), not "
                + Values.describe(e.getValue()));
      }
    }
  }

  private static void wellFormed(Object value, String path) {
    String problem = JsonValues.textProblem(value);
    if (problem != null) {
      throw WardenException.invalid("`" + path + "` " + problem);
    }
  }
}
