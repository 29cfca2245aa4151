package dev.warden.condition;

import dev.warden.api.Residual;
import dev.warden.api.WardenException;
import dev.warden.model.AttributeType;
import dev.warden.model.Truth;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A {@link Residual} compiled into a predicate over a resource's attributes, for callers that apply
 * it themselves (a vector-store metadata filter, a search post-filter). Fails closed: a missing or
 * mistyped attribute does not match.
 */
public final class ResidualPredicate implements Predicate<Map<String, Object>> {

  private final CompiledExpression expression;

  private ResidualPredicate(CompiledExpression expression) {
    this.expression = expression;
  }

  /** Compiles a residual; throws {@link WardenException} when it names an unknown type. */
  public static ResidualPredicate compile(Residual residual) {
    Map<String, AttributeType> types = new LinkedHashMap<>();
    residual
        .attributeTypes()
        .forEach(
            (name, keyword) -> {
              if (ExpressionScope.BUILT_IN_ATTRIBUTES.contains(name)) {
                return;
              }
              types.put(name, parse(keyword));
            });
    try {
      return new ResidualPredicate(
          CompiledExpression.compile(residual.cel(), ExpressionScope.forRule(Map.of(), types)));
    } catch (IllegalArgumentException e) {
      throw WardenException.invalid("the residual filter does not compile: " + e.getMessage());
    }
  }

  private static AttributeType parse(String keyword) {
    AttributeType t = AttributeType.parse(keyword);
    if (t == null) {
      throw WardenException.invalid(
          "unknown attribute type `" + keyword + "` in a residual filter");
    }
    return t;
  }

  /** True when the attributes (of a resource with no id or type known) satisfy the residual. */
  @Override
  public boolean test(Map<String, Object> attributes) {
    return test(null, null, attributes);
  }

  /** True when the resource, with these attributes, satisfies the residual. */
  public boolean test(String type, String id, Map<String, Object> attributes) {
    Bindings b =
        new Bindings() {
          @Override
          public Object actor(String attribute) {
            return null;
          }

          @Override
          public Object resource(String attribute) {
            return switch (attribute) {
              case "id" -> id;
              case "type" -> type;
              default -> attributes.get(attribute);
            };
          }

          @Override
          public Object parameter(String name) {
            return null;
          }

          @Override
          public Map<String, Object> context() {
            return Map.of();
          }
        };
    return expression.evaluate(b).truth() == Truth.TRUE;
  }
}
