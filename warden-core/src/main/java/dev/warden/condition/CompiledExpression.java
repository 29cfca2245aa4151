package dev.warden.condition;

import dev.cel.bundle.Cel;
import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationResult;
import dev.cel.common.ast.CelReference;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelUnknownSet;
import dev.cel.runtime.CelVariableResolver;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A CEL expression compiled once, evaluated many times. Thread-safe.
 *
 * <p>Evaluation never throws: a missing or mistyped value, or a CEL runtime error, yields {@link
 * dev.warden.model.Truth#UNKNOWN} with a reason, so callers fail closed.
 */
public final class CompiledExpression {

  private static final Pattern MISSING_KEY = Pattern.compile("key '([^']*)' is not present");

  private final String source;
  private final CelRuntime.Program program;
  private final Map<String, Variable> variables;
  private final Map<Long, Variable> variableByExprId;

  private CompiledExpression(
      String source,
      CelRuntime.Program program,
      Map<String, Variable> variables,
      Map<Long, Variable> variableByExprId) {
    this.source = source;
    this.program = program;
    this.variables = variables;
    this.variableByExprId = variableByExprId;
  }

  /**
   * Compiles {@code source} in {@code scope}.
   *
   * @throws IllegalArgumentException listing every problem when it does not type-check
   */
  public static CompiledExpression compile(String source, ExpressionScope scope) {
    List<ExpressionIssue> issues = ExpressionChecker.check(source, scope);
    if (!issues.isEmpty()) {
      throw new IllegalArgumentException(
          "invalid expression `" + source + "`: " + issues.get(0).message());
    }
    Map<String, Variable> variables = CelSupport.variables(scope);
    Cel cel = CelSupport.environment(variables);
    CelValidationResult result = cel.compile(source);
    try {
      CelAbstractSyntaxTree ast = result.getAst();
      Map<Long, Variable> byId = new HashMap<>();
      for (Map.Entry<Long, CelReference> e : ast.getReferenceMap().entrySet()) {
        Variable v = variables.get(e.getValue().name());
        if (v != null) {
          byId.put(e.getKey(), v);
        }
      }
      return new CompiledExpression(source, cel.createProgram(ast), Map.copyOf(variables), byId);
    } catch (Exception e) {
      throw new IllegalArgumentException(
          "invalid expression `" + source + "`: " + e.getMessage(), e);
    }
  }

  /** The CEL source. */
  public String source() {
    return source;
  }

  /** Evaluates against the bindings; never throws. */
  public Evaluation evaluate(Bindings bindings) {
    Map<Variable, String> mistyped = new HashMap<>(2);
    CelVariableResolver resolver = name -> resolve(name, bindings, mistyped);
    Object result;
    try {
      result = program.eval(resolver);
    } catch (CelEvaluationException | RuntimeException e) {
      List<String> problems = new ArrayList<>(mistyped.values());
      problems.add(describeError(e, bindings, variables));
      return Evaluation.unknown(problems);
    }
    if (result instanceof Boolean b) {
      return b ? Evaluation.TRUE : Evaluation.FALSE;
    }
    List<String> problems = new ArrayList<>(mistyped.values());
    if (result instanceof CelUnknownSet unknown) {
      for (Long id : unknown.unknownExprIds()) {
        Variable v = variableByExprId.get(id);
        if (v == null) {
          problems.add("a value is missing");
        } else if (!mistyped.containsKey(v)) {
          String missing = v.describe() + " missing";
          if (!problems.contains(missing)) {
            problems.add(missing);
          }
        }
      }
    } else {
      problems.add("expression did not produce a bool");
    }
    return Evaluation.unknown(problems);
  }

  private Optional<Object> resolve(String name, Bindings bindings, Map<Variable, String> mistyped) {
    if (name.equals(ExpressionScope.CONTEXT)) {
      return Optional.of(bindings.context());
    }
    Variable v = variables.get(name);
    if (v == null) {
      return Optional.empty();
    }
    Object raw =
        switch (v.root()) {
          case ACTOR -> bindings.actor(v.name());
          case RESOURCE -> bindings.resource(v.name());
          case PARAMETER -> bindings.parameter(v.name());
        };
    if (raw == null) {
      return Optional.empty();
    }
    Object value = Values.coerce(v.type(), raw);
    if (value == Values.MISMATCH) {
      mistyped.put(v, v.describe() + " is " + Values.describe(raw) + ", expected " + v.type());
      return Optional.empty();
    }
    return Optional.of(value);
  }

  private static String describeError(
      Exception e, Bindings bindings, Map<String, Variable> variables) {
    String message = String.valueOf(e.getMessage());
    Matcher m = MISSING_KEY.matcher(message);
    if (m.find()) {
      // CEL does not say which map lacks the key: the context, or a map attribute or parameter.
      String key = m.group(1);
      boolean maps = variables.values().stream().anyMatch(v -> v.type().kind().container());
      if (!maps) {
        return "context." + key + " missing";
      }
      return bindings.context().containsKey(key)
          ? "key " + key + " missing from a map"
          : "key " + key + " missing (from the context or a map)";
    }
    int colon = message.indexOf(": ");
    return "evaluation error: " + (colon >= 0 ? message.substring(colon + 2) : message);
  }

  @Override
  public String toString() {
    return source;
  }
}
