package dev.warden.engine;

import dev.warden.condition.Bindings;
import dev.warden.condition.CompiledExpression;
import dev.warden.condition.Evaluation;
import dev.warden.condition.ExpressionScope;
import dev.warden.condition.Values;
import dev.warden.model.AttributeType;
import dev.warden.store.index.Codes;
import dev.warden.store.index.RelationshipIndex;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.function.LongFunction;

/**
 * The values the CEL expressions of one request read: the actor's attributes, the attributes of the
 * object a rule is evaluated on, grant and request parameters. One per evaluator and rebound before
 * each expression rather than made anew, so attribute rules allocate nothing per call. Single use,
 * single thread.
 */
final class CelBindings implements Bindings {
  private final PolicyPlan plan;
  private final RelationshipIndex index;
  private final Query query;
  private final Clock clock;
  private final LongFunction<String> names;
  private final int actorType;
  private final long actorObject;
  private final int resourceType;
  private final long resourceObject;

  private int bindType;
  private long bindObject;
  private Map<String, Object> grantContext = Map.of();
  private Map<String, Object> context;

  /**
   * @param names the id of an object number, local to the request or not
   * @param resourceType the query's resource, whose just-in-time attributes count, or -1
   */
  CelBindings(
      PolicyPlan plan,
      RelationshipIndex index,
      Query query,
      Clock clock,
      LongFunction<String> names,
      int actorType,
      long actorObject,
      int resourceType,
      long resourceObject) {
    this.plan = plan;
    this.index = index;
    this.query = query;
    this.clock = clock;
    this.names = names;
    this.actorType = actorType;
    this.actorObject = actorObject;
    this.resourceType = resourceType;
    this.resourceObject = resourceObject;
  }

  /** An attribute rule evaluated on {@code type:object}. */
  Evaluation rule(CompiledExpression expression, int type, long object) {
    bindType = type;
    bindObject = object;
    return expression.evaluate(this);
  }

  /** A grant's condition, reading the grant's own parameters before the request's. */
  Evaluation condition(CompiledExpression expression, Map<String, Object> grantParameters) {
    grantContext = grantParameters;
    Evaluation e = expression.evaluate(this);
    grantContext = Map.of();
    return e;
  }

  @Override
  public Object actor(String attribute) {
    if (query.actor().isUserset() || query.actor().isWildcard()) {
      // A userset or a wildcard is no entity: it has no id, type or attributes of its own, so a
      // rule over `actor` is unknown for it and never allows on its own.
      return null;
    }
    return switch (attribute) {
      case "id" -> query.actor().id();
      case "type" -> query.actor().type();
      default -> {
        // Only the actor's own type's attributes count: `actor.level` is missing for a Group even
        // when a just-in-time map happens to carry `level`.
        if (!plan.type(actorType).def.attributes().containsKey(attribute)) {
          yield null;
        }
        Object jit = query.actorAttributes().get(attribute);
        yield jit != null ? jit : stored(actorType, actorObject, attribute);
      }
    };
  }

  @Override
  public Object resource(String attribute) {
    return switch (attribute) {
      case "id" -> names.apply(bindObject);
      case "type" -> plan.type(bindType).def.name();
      default -> {
        Object jit =
            bindType == resourceType && bindObject == resourceObject
                ? query.resourceAttributes().get(attribute)
                : null;
        yield jit != null ? jit : stored(bindType, bindObject, attribute);
      }
    };
  }

  private Object stored(int type, long object, String attribute) {
    return index.attributes(Codes.entity(type, object)).get(attribute);
  }

  @Override
  public Object parameter(String name) {
    Object v = grantContext.get(name);
    return v != null ? v : context().get(name);
  }

  @Override
  public Map<String, Object> context() {
    if (context == null) {
      Map<String, Object> c = new HashMap<>();
      query.context().forEach((k, v) -> c.put(k, Values.normalize(v)));
      Object now = c.get(ExpressionScope.NOW);
      Object instant = now == null ? clock.instant() : Values.coerce(AttributeType.TIMESTAMP, now);
      if (instant != Values.MISMATCH) {
        c.put(ExpressionScope.NOW, instant);
      }
      context = c;
    }
    return context;
  }
}
