package dev.warden.engine;

import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.ErrorCode;
import dev.warden.api.Explanation;
import dev.warden.api.Suggestions;
import dev.warden.api.WardenException;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Truth;
import dev.warden.model.TypeDef;
import dev.warden.store.index.RelationshipIndex;
import java.util.function.Function;

/**
 * Checks and explains requests against one policy and one index. Thread-safe and immutable; a new
 * policy means a new engine over the same index.
 *
 * <p>Reads use the index's optimistic protocol: evaluate without locking, then validate that no
 * write overlapped; if one did, evaluate again under the read lock. Evaluation has no side effects,
 * so running it twice is safe. Any unexpected exception becomes an {@code INTERNAL} error: the
 * caller never gets an answer it could mistake for "allowed".
 */
public final class Engine {

  private final PolicyPlan plan;
  private final RelationshipIndex index;
  private final EngineOptions options;
  private final WriteValidator validator;

  private Engine(PolicyPlan plan, RelationshipIndex index, EngineOptions options) {
    this.plan = plan;
    this.index = index;
    this.options = options;
    this.validator = new WriteValidator(plan.policy);
  }

  /**
   * An engine for a compiled policy over an index.
   *
   * @throws IllegalArgumentException when the policy does not type-check (a model produced without
   *     the compiler's checks)
   */
  public static Engine create(Policy policy, RelationshipIndex index, EngineOptions options) {
    return new Engine(PlanCompiler.compile(policy, index), index, options);
  }

  public Policy policy() {
    return plan.policy;
  }

  public RelationshipIndex index() {
    return index;
  }

  /** Validates writes and contextual grants against this engine's policy. */
  public WriteValidator validator() {
    return validator;
  }

  /** May the actor do the action on the resource? */
  public Decision check(CheckRequest request) {
    Prepared p = prepare(request);
    return read(ev -> Decision.of(ev.evaluate(p.relation) == Truth.TRUE, 0), p, null);
  }

  /** The decision and the tree that produced it. */
  public Explanation explain(CheckRequest request) {
    Prepared p = prepare(request);
    Function<Evaluator, Explanation> f =
        ev -> {
          boolean allowed = ev.evaluate(p.relation) == Truth.TRUE;
          return new Explanation(Decision.of(allowed, 0), ev.trace().root());
        };
    return read(f, p, Tracer::new);
  }

  private <T> T read(
      Function<Evaluator, T> body, Prepared p, java.util.function.Supplier<Tracer> tracer) {
    long stamp = index.beginRead();
    if (stamp != 0) {
      try {
        long revision = index.revision();
        T result = body.apply(evaluator(p, tracer));
        if (index.validate(stamp)) {
          return withRevision(result, revision);
        }
      } catch (WardenException e) {
        if (index.validate(stamp)) {
          throw e;
        }
      } catch (RuntimeException e) {
        if (index.validate(stamp)) {
          throw internal(e);
        }
      }
    }
    stamp = index.readLock();
    try {
      long revision = index.revision();
      return withRevision(body.apply(evaluator(p, tracer)), revision);
    } catch (WardenException e) {
      throw e;
    } catch (RuntimeException e) {
      throw internal(e);
    } finally {
      index.unlockRead(stamp);
    }
  }

  private Evaluator evaluator(Prepared p, java.util.function.Supplier<Tracer> tracer) {
    return new Evaluator(
        plan,
        index,
        p.request,
        p.actorType,
        p.resourceType,
        options,
        tracer == null ? null : tracer.get());
  }

  @SuppressWarnings("unchecked")
  private static <T> T withRevision(T result, long revision) {
    if (result instanceof Decision d) {
      return (T) new Decision(d.allowed(), revision, d.decisionId());
    }
    Explanation e = (Explanation) result;
    return (T) new Explanation(new Decision(e.decision().allowed(), revision, null), e.root());
  }

  private static WardenException internal(RuntimeException e) {
    return new WardenException(
        ErrorCode.INTERNAL,
        "evaluation failed unexpectedly; the request is denied",
        java.util.List.of(),
        e);
  }

  /** A request resolved against the policy: the numbers evaluation needs. */
  private record Prepared(CheckRequest request, int actorType, int resourceType, int relation) {}

  private Prepared prepare(CheckRequest r) {
    awaitConsistency(r.consistency());
    TypeDef actorType = type(r.actor().type(), "actor");
    TypeDef resourceType = type(r.resource().type(), "resource");
    RelationDef action = resourceType.relation(r.action());
    if (action == null) {
      throw WardenException.invalid(
          "`"
              + resourceType.name()
              + "` has no permission, role or relation `"
              + r.action()
              + "`"
              + Suggestions.didYouMean(r.action(), resourceType.relations().keySet()));
    }
    validator.validateContextual(r.contextualGrants());
    return new Prepared(
        r,
        index.typeId(actorType.name()),
        index.typeId(resourceType.name()),
        index.relationId(action.name()));
  }

  private TypeDef type(String name, String role) {
    TypeDef t = plan.policy.type(name);
    if (t == null) {
      throw WardenException.invalid(
          "the "
              + role
              + " type `"
              + name
              + "` is not declared in the policy"
              + Suggestions.didYouMean(name, plan.policy.types().keySet()));
    }
    return t;
  }

  private void awaitConsistency(Consistency c) {
    if (c instanceof Consistency.AtLeast at && index.revision() < at.revision()) {
      if (!index.awaitRevision(at.revision(), options.consistencyTimeout())) {
        throw new WardenException(
            ErrorCode.CONSISTENCY_TIMEOUT,
            "the index did not reach revision "
                + at.revision()
                + " within "
                + options.consistencyTimeout().toMillis()
                + " ms (it is at "
                + index.revision()
                + ")");
      }
    }
  }
}
