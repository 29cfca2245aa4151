package dev.warden.model;

import java.util.List;
import java.util.Objects;

/**
 * A named condition that a grant may carry ({@code condition before(deadline: timestamp) {
 * context.now < deadline }}). Parameters are bound from the grant's stored context first, then from
 * the request context; {@code context} is the request context.
 *
 * @param name the condition name
 * @param parameters typed parameters in declaration order
 * @param cel the CEL body, type-checked by the producer of the model
 */
public record ConditionDef(String name, List<Parameter> parameters, String cel) {
  public ConditionDef {
    Objects.requireNonNull(name, "name");
    parameters = List.copyOf(parameters);
    Objects.requireNonNull(cel, "cel");
  }

  /** The parameter of that name, or null. */
  public Parameter parameter(String parameterName) {
    for (Parameter p : parameters) {
      if (p.name().equals(parameterName)) {
        return p;
      }
    }
    return null;
  }
}
