package dev.warden.condition;

import dev.warden.model.AttributeType;
import dev.warden.model.Parameter;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names an expression may use. A rule sees {@code actor.*}, {@code resource.*} and {@code
 * context}; a condition sees its parameters and {@code context}.
 *
 * @param actor attribute types visible as {@code actor.<name>}; empty for conditions
 * @param resource attribute types visible as {@code resource.<name>}; empty for conditions
 * @param parameters condition parameters, visible by bare name; empty for rules
 * @param rule true for rule scopes (actor and resource roots exist)
 */
public record ExpressionScope(
    Map<String, AttributeType> actor,
    Map<String, AttributeType> resource,
    List<Parameter> parameters,
    boolean rule) {

  /** Attribute names every entity has, bound by the engine: its type name and its id. */
  public static final Set<String> BUILT_IN_ATTRIBUTES = Set.of("id", "type");

  /** The request context variable, visible in every scope. */
  public static final String CONTEXT = "context";

  /** The context key that always holds a timestamp: the request's, else the engine clock's. */
  public static final String NOW = "now";

  public ExpressionScope {
    actor = Collections.unmodifiableMap(new LinkedHashMap<>(actor));
    resource = Collections.unmodifiableMap(new LinkedHashMap<>(resource));
    parameters = List.copyOf(parameters);
  }

  /** The scope of a rule on a type with the given resource attributes. */
  public static ExpressionScope forRule(
      Map<String, AttributeType> actorAttributes, Map<String, AttributeType> resourceAttributes) {
    return new ExpressionScope(actorAttributes, resourceAttributes, List.of(), true);
  }

  /** The scope of a condition body. */
  public static ExpressionScope forCondition(List<Parameter> parameters) {
    return new ExpressionScope(Map.of(), Map.of(), parameters, false);
  }
}
