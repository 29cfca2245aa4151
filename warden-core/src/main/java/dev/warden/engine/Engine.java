package dev.warden.engine;

import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.ExplainNode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Suggestions;
import dev.warden.api.WardenException;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Truth;
import dev.warden.model.TypeDef;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Answers check, bulk check, explain and the lookups against one policy and one index. Thread-safe
 * and immutable; a new policy means a new engine over the same index.
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
  private final RequestValidator values;

  private Engine(PolicyPlan plan, RelationshipIndex index, EngineOptions options) {
    this.plan = plan;
    this.index = index;
    this.options = options;
    this.validator = new WriteValidator(plan.policy);
    this.values = new RequestValidator(plan.policy);
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

  /** The type of a tenant-scoped type's tenants, or null when the type is not tenant-scoped. */
  public String tenantType(String resourceType) {
    TypeDef t = plan.policy.type(resourceType);
    if (t == null || t.relation(Tenancy.RELATION) == null) {
      return null;
    }
    try {
      return Tenancy.spec(t).tenantType();
    } catch (WardenException e) {
      return null;
    }
  }

  /** Validates writes and contextual grants against this engine's policy. */
  public WriteValidator validator() {
    return validator;
  }

  // ---------------------------------------------------------------- check, bulk, explain

  /** May the actor do the action on the resource? */
  public Decision check(CheckRequest request) {
    Checked c = prepare(request, "");
    return read(revision -> Decision.of(truth(c, null, null).allowed(), revision));
  }

  /** Many checks under one consistent view, sharing sub-results between similar checks. */
  public List<Decision> checkBulk(List<CheckRequest> requests) {
    List<Checked> prepared = new ArrayList<>(requests.size());
    for (int i = 0; i < requests.size(); i++) {
      prepared.add(prepare(requests.get(i), "checks[" + i + "]."));
    }
    return read(
        revision -> {
          List<Evaluator> shared = new ArrayList<>();
          List<Decision> out = new ArrayList<>(prepared.size());
          for (Checked c : prepared) {
            out.add(Decision.of(truth(c, shared, null).allowed(), revision));
          }
          return out;
        });
  }

  /** The decision and the tree that produced it. */
  public Explanation explain(CheckRequest request) {
    Checked c = prepare(request, "");
    return read(
        revision -> {
          Tracer tracer = new Tracer();
          Outcome o = truth(c, null, tracer);
          ExplainNode root =
              o.conflict() != null
                  ? new ExplainNode(
                      ExplainNode.Kind.RELATION, c.label(), "false", o.conflict(), List.of())
                  : tracer.root();
          return new Explanation(Decision.of(o.allowed(), revision), root);
        });
  }

  /** A check request resolved against the policy. */
  private record Checked(CheckRequest request, TypeDef resourceType, int type, int relation) {
    String label() {
      return request.resource() + "#" + request.action();
    }
  }

  /** The truth of a check, or why its resource is outside the request's tenant. */
  private record Outcome(Truth truth, String conflict) {
    boolean allowed() {
      return truth == Truth.TRUE;
    }
  }

  /** {@code path} names the request in messages: empty, or {@code checks[i].} in a bulk check. */
  private Checked prepare(CheckRequest r, String path) {
    awaitConsistency(r.consistency());
    TypeDef actorType = subjectType(r.subject(), path + "actor");
    TypeDef resourceType = type(r.resource().type(), "resource");
    RelationDef action = relation(resourceType, r.action());
    values.attributes(actorType, r.actorAttributes(), path + "actor.attributes");
    values.attributes(resourceType, r.resourceAttributes(), path + "resource.attributes");
    values.context(r.context(), path + "context");
    validator.validateContextual(r.contextualGrants());
    if (r.tenant() != null) {
      Tenancy.spec(resourceType);
    }
    return new Checked(
        r, resourceType, index.typeId(resourceType.name()), index.relationId(action.name()));
  }

  /**
   * Evaluates a prepared check, reusing a shared evaluator when one fits (bulk) and recording into
   * the tracer (explain). Runs inside a read.
   */
  private Outcome truth(Checked c, List<Evaluator> shared, Tracer tracer) {
    CheckRequest r = c.request();
    Tenancy.Placement placed =
        Tenancy.place(index, c.resourceType(), r.resource(), r.tenant(), r.contextualGrants());
    if (placed.conflict() != null) {
      return new Outcome(Truth.FALSE, placed.conflict());
    }
    Query q = Query.of(r, placed.grants());
    Evaluator ev = null;
    if (shared != null) {
      for (Evaluator e : shared) {
        if (e.query().sharesWith(q)) {
          ev = e;
          break;
        }
      }
    }
    if (ev == null) {
      ev =
          tracer != null
              ? new TracingEvaluator(plan, index, q, options, tracer)
              : new Evaluator(plan, index, q, options, shared != null ? new TruthMemo() : null);
      if (shared != null) {
        shared.add(ev);
      }
    }
    return new Outcome(ev.evaluate(c.type(), ev.objectId(r.resource().id()), c.relation()), null);
  }

  // ---------------------------------------------------------------- lookups

  /** The resources of a type the actor may act on, one page at a time. */
  public LookupResourcesResult lookupResources(LookupResourcesRequest r) {
    awaitConsistency(r.consistency());
    TypeDef actorType = subjectType(r.subject(), "actor");
    TypeDef type = type(r.resourceType(), "resource");
    RelationDef action = relation(type, r.action());
    values.attributes(actorType, r.actorAttributes(), "actor.attributes");
    values.context(r.context(), "context");
    validator.validateContextual(r.contextualGrants());
    Tenancy.Spec tenant = r.tenant() == null ? null : Tenancy.spec(type);
    Residuals.Found residual =
        r.residual() ? Residuals.find(plan, index, type, action.name()) : Residuals.NONE;
    String after = Cursors.decode(r.cursor());
    return read(
        revision -> {
          Query q =
              new Query(
                  r.subject(),
                  r.actorAttributes(),
                  null,
                  Map.of(),
                  r.context(),
                  r.contextualGrants());
          Evaluator ev = new Evaluator(plan, index, q, options, new TruthMemo());
          int typeId = index.typeId(type.name());
          ResourceLookup lookup = new ResourceLookup(plan, index, ev, residual.nodes());
          List<String> ids = new ArrayList<>();
          for (long o : lookup.objects(typeId, index.relationId(action.name()))) {
            String id = ev.nameOf(o);
            if (tenant == null
                || Tenancy.recordedTenants(index, new EntityRef(type.name(), id), tenant)
                    .contains(r.tenant())) {
              ids.add(id);
            }
          }
          return Cursors.page(ids, after, r.limit(), revision, residual.residual());
        });
  }

  /** The subjects that may act on a resource, with the grants that gave each access. */
  public LookupSubjectsResult lookupSubjects(LookupSubjectsRequest r) {
    awaitConsistency(r.consistency());
    TypeDef type = type(r.resourceType(), "resource");
    RelationDef action = relation(type, r.action());
    TypeDef subjectType = type(r.subjectType(), "subject");
    if (r.subjectRelation() != null) {
      usersetRelation(subjectType, r.subjectRelation(), "subject_relation");
    }
    values.context(r.context(), "context");
    validator.validateContextual(r.contextualGrants());
    if (r.tenant() != null) {
      Tenancy.spec(type);
    }
    return read(revision -> new SubjectSearch(r, type, action, subjectType).run(revision));
  }

  /** One lookupSubjects run, inside a read. */
  private final class SubjectSearch {
    private final LookupSubjectsRequest r;
    private final TypeDef type;
    private final RelationDef action;
    private final TypeDef subjectType;

    SubjectSearch(LookupSubjectsRequest r, TypeDef type, RelationDef action, TypeDef subjectType) {
      this.r = r;
      this.type = type;
      this.action = action;
      this.subjectType = subjectType;
    }

    LookupSubjectsResult run(long revision) {
      EntityRef resource = new EntityRef(type.name(), r.typeLevel() ? freshId() : r.resourceId());
      Tenancy.Placement placed =
          Tenancy.place(index, type, resource, r.tenant(), r.contextualGrants());
      if (placed.conflict() != null) {
        return new LookupSubjectsResult(List.of(), false, revision);
      }
      int typeId = index.typeId(type.name());
      int relation = index.relationId(action.name());
      int subjectTypeId = index.typeId(subjectType.name());
      int subjectRelation = r.subjectRelation() == null ? 0 : index.relationId(r.subjectRelation());
      Evaluator anyone = evaluator(subject(freshId("~anyone~")), placed.grants());
      SubjectSet found =
          new SubjectLookup(plan, index, anyone, subjectTypeId, subjectRelation)
              .expand(typeId, anyone.objectId(resource.id()), relation);
      List<Long> candidates = found.ids();
      if (found.unbounded) {
        LongSet more = new LongSet();
        for (long o : index.knownObjects(subjectTypeId)) {
          more.add(o);
        }
        for (long o : anyone.contextualObjects(subjectTypeId)) {
          more.add(o);
        }
        if (subjectRelation != 0 && subjectTypeId == typeId && !r.typeLevel()) {
          more.add(anyone.objectId(resource.id())); // the resource's own userset, known or not
        }
        if (subjectRelation != 0) {
          // Usersets of objects named only as a userset subject are known usersets too.
          for (long o : index.usersetObjects(subjectTypeId, subjectRelation)) {
            more.add(o);
          }
          for (Grant g : placed.grants()) {
            dev.warden.api.SubjectRef s = g.subject();
            if (s.isUserset()
                && s.type().equals(subjectType.name())
                && s.relation().equals(r.subjectRelation())) {
              more.add(anyone.objectId(s.id()));
            }
          }
        }
        for (long o : more.toArray()) {
          if (!found.subjects.containsKey(o)) {
            candidates.add(o);
          }
        }
      }
      List<AuthorizedSubject> out = new ArrayList<>();
      for (long o : candidates) {
        SubjectSet.Entry e = found.subjects.get(o);
        String id = anyone.nameOf(o);
        if (r.typeLevel() && subjectRelation != 0 && id.equals(resource.id())) {
          continue; // the stand-in resource's own userset is no subject of any real resource
        }
        boolean allowed =
            (e != null && e.sure) || holds(id, placed.grants(), resource, typeId, relation);
        if (allowed) {
          List<Grant> grants = new ArrayList<>(e != null ? e.grants : found.wildcardGrants);
          out.add(new AuthorizedSubject(subject(id), grants));
        }
      }
      out.sort(java.util.Comparator.comparing(s -> s.subject().id()));
      boolean any = anyone.evaluate(typeId, anyone.objectId(resource.id()), relation) == Truth.TRUE;
      return new LookupSubjectsResult(out, any, revision);
    }

    /** The subject {@code id} stands for: an entity, or the userset the request lists. */
    private dev.warden.api.SubjectRef subject(String id) {
      return r.subjectRelation() == null
          ? dev.warden.api.SubjectRef.of(subjectType.name(), id)
          : dev.warden.api.SubjectRef.userset(subjectType.name(), id, r.subjectRelation());
    }

    private boolean holds(
        String subjectId, List<Grant> grants, EntityRef resource, int typeId, int relation) {
      Evaluator ev = evaluator(subject(subjectId), grants);
      return ev.evaluate(typeId, ev.objectId(resource.id()), relation) == Truth.TRUE;
    }

    private Evaluator evaluator(dev.warden.api.SubjectRef actor, List<Grant> grants) {
      Query q = new Query(actor, Map.of(), null, Map.of(), r.context(), grants);
      return new Evaluator(plan, index, q, options, new TruthMemo());
    }
  }

  /** An id the index has never seen, standing for "a new resource" or "anyone". */
  private String freshId() {
    return freshId("~new~");
  }

  /** An id starting with {@code prefix} that the index has never seen. */
  private String freshId(String prefix) {
    String id = prefix;
    for (int i = 0; index.objectId(id) >= 0; i++) {
      id = prefix + i;
    }
    return id;
  }

  // ---------------------------------------------------------------- shared

  /**
   * Runs a read-only body under the optimistic protocol, giving it the revision it reads at. The
   * body must have no side effects beyond its result.
   */
  private <T> T read(java.util.function.LongFunction<T> body) {
    long stamp = index.beginRead();
    if (stamp != 0) {
      try {
        long revision = index.revision();
        T result = body.apply(revision);
        if (index.validate(stamp)) {
          return result;
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
      return body.apply(index.revision());
    } catch (WardenException e) {
      throw e;
    } catch (RuntimeException e) {
      throw internal(e);
    } finally {
      index.unlockRead(stamp);
    }
  }

  private static WardenException internal(RuntimeException e) {
    return new WardenException(
        ErrorCode.INTERNAL, "evaluation failed unexpectedly; the request is denied", List.of(), e);
  }

  /**
   * The declared type of a check's or lookup's subject; a userset subject's relation must be
   * declared on it too. {@code path} is the subject's JSON path, for messages.
   */
  private TypeDef subjectType(dev.warden.api.SubjectRef subject, String path) {
    TypeDef t = type(subject.type(), "actor");
    if (subject.isUserset()) {
      usersetRelation(t, subject.relation(), path + ".relation");
    }
    return t;
  }

  /** Refuses a userset relation its type does not declare; {@code field} is its JSON path. */
  private static void usersetRelation(TypeDef type, String relation, String field) {
    if (type.relation(relation) == null) {
      throw WardenException.invalid(
          field
              + ": `"
              + type.name()
              + "` has no relation `"
              + relation
              + "`, so `"
              + type.name()
              + "#"
              + relation
              + "` is no userset"
              + Suggestions.didYouMean(relation, type.relations().keySet()));
    }
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

  private static RelationDef relation(TypeDef type, String action) {
    RelationDef r = type.relation(action);
    if (r == null) {
      throw WardenException.invalid(
          "`"
              + type.name()
              + "` has no permission, role or relation `"
              + action
              + "`"
              + Suggestions.didYouMean(action, type.relations().keySet()));
    }
    return r;
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
