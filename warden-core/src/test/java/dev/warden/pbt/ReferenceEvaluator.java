package dev.warden.pbt;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.SubjectRef;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.RelationKind;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.SubjectType;
import dev.warden.model.Truth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A deliberately simple evaluator to check the engine against. It shares nothing with the engine
 * but the model types: no index, no numbers, no depth-first search. For one actor it computes the
 * truth of every relation on every object, stratum by stratum, each stratum by iterating to a
 * fixpoint from false. Attribute rules and conditions come from {@link Templates}, whose meanings
 * are written out by hand instead of running CEL.
 *
 * <p>It also answers, from its own tables, what the engine's other operations must: the tenant rule
 * of docs/tenants.md, lookups as the enumeration of known objects and subjects, and whether a
 * request needs more nested relations than a depth limit allows.
 */
final class ReferenceEvaluator {

  /** The relation that places a resource in a tenant. */
  static final String TENANT = "tenant";

  /** An actor id no scenario uses: "anyone" for subject lookups. */
  static final String FRESH_USER = "fresh-user";

  /** A resource id no scenario uses: "a new resource" for type-level subject lookups. */
  static final String FRESH_RESOURCE = "fresh-resource";

  /** Who may act on a resource: the known users allowed, and whether an unknown one is. */
  record Subjects(Set<String> ids, boolean anySubject) {}

  private final Policy policy;
  private final List<Grant> stored;
  private final Map<EntityRef, Map<String, Object>> attributes;
  private final List<List<String>> strata;

  ReferenceEvaluator(
      Policy policy, List<Grant> grants, Map<EntityRef, Map<String, Object>> attributes) {
    this.policy = policy;
    this.stored = grants;
    this.attributes = attributes;
    this.strata = Stratification.strata(policy);
  }

  /** The truth of the request's action on its resource for its actor, inside its tenant. */
  Truth evaluate(CheckRequest request) {
    List<Grant> grants = placed(request.resource(), request.tenant(), request.contextualGrants());
    if (grants == null) {
      return Truth.FALSE;
    }
    EntityRef resource = request.resource();
    return new Run(
            request.subject(),
            request.actorAttributes(),
            resource,
            request.resourceAttributes(),
            request.context(),
            grants)
        .get(resource.type(), resource.id(), request.action());
  }

  // ---------------------------------------------------------------- tenants

  /** The type of a type's tenants, or null when the type is not tenant-scoped. */
  String tenantType(String type) {
    RelationDef r = policy.relation(type, TENANT);
    if (r == null || r.kind() != RelationKind.RELATION) {
      return null;
    }
    for (SubjectType st : r.subjectTypes()) {
      if (st.isObject()) {
        return st.type();
      }
    }
    return null;
  }

  /** The tenants a resource is recorded in: its stored {@code tenant} grants. */
  Set<String> recordedTenants(EntityRef resource) {
    String tenantType = tenantType(resource.type());
    Set<String> out = new TreeSet<>();
    for (Grant g : stored) {
      SubjectRef s = g.subject();
      if (g.resource().equals(resource)
          && g.relation().equals(TENANT)
          && s.type().equals(tenantType)
          && !s.isWildcard()
          && !s.isUserset()) {
        out.add(s.id());
      }
    }
    return out;
  }

  /**
   * The request-time grants to evaluate with inside {@code tenant}: unchanged when the resource is
   * recorded in it, plus a placement when it is recorded nowhere, null when it is recorded
   * elsewhere (denied).
   */
  private List<Grant> placed(EntityRef resource, String tenant, List<Grant> contextual) {
    if (tenant == null) {
      return contextual;
    }
    Set<String> recorded = recordedTenants(resource);
    if (!recorded.isEmpty()) {
      return recorded.contains(tenant) ? contextual : null;
    }
    List<Grant> out = new ArrayList<>(contextual);
    out.add(Grant.of(resource, TENANT, SubjectRef.of(tenantType(resource.type()), tenant)));
    return out;
  }

  // ---------------------------------------------------------------- lookups

  /**
   * The known objects of {@code type} on which the actor has {@code action}, listed only when
   * recorded in {@code tenant} if one is named.
   */
  Set<String> lookupResources(
      SubjectRef actor,
      Map<String, Object> actorAttributes,
      String action,
      String type,
      Map<String, Object> context,
      List<Grant> contextual,
      String tenant) {
    Run run = new Run(actor, actorAttributes, null, Map.of(), context, contextual);
    Set<String> out = new TreeSet<>();
    Set<String> candidates = known(type, contextual);
    if (actor.isUserset() && actor.type().equals(type)) {
      candidates.add(actor.id()); // a userset holds its own relation on its object
    }
    for (String id : candidates) {
      if (run.get(type, id, action) == Truth.TRUE
          && (tenant == null || recordedTenants(new EntityRef(type, id)).contains(tenant))) {
        out.add(id);
      }
    }
    return out;
  }

  /**
   * The known users who have {@code action} on the resource (a new one when {@code id} is null),
   * inside {@code tenant} if one is named, and whether a user unknown to the store has it.
   */
  Subjects lookupSubjects(
      String action,
      String type,
      String id,
      String tenant,
      Map<String, Object> context,
      List<Grant> contextual) {
    EntityRef resource = new EntityRef(type, id == null ? FRESH_RESOURCE : id);
    List<Grant> grants = placed(resource, tenant, contextual);
    if (grants == null) {
      return new Subjects(Set.of(), false);
    }
    Set<String> out = new TreeSet<>();
    for (String user : known("User", grants)) {
      if (holds(SubjectRef.of("User", user), resource, action, context, grants)) {
        out.add(user);
      }
    }
    boolean any = holds(SubjectRef.of("User", FRESH_USER), resource, action, context, grants);
    return new Subjects(out, any);
  }

  /**
   * The usersets {@code subjectType:o#relation} that have {@code action} on the resource (a new one
   * when {@code id} is null), for every object {@code o} the data knows or names in a userset, and
   * the resource itself (a userset contains itself); and whether a userset of an object never seen
   * has it.
   */
  Subjects lookupUsersets(
      String action,
      String type,
      String id,
      String tenant,
      Map<String, Object> context,
      List<Grant> contextual,
      String subjectType,
      String relation) {
    EntityRef resource = new EntityRef(type, id == null ? FRESH_RESOURCE : id);
    List<Grant> grants = placed(resource, tenant, contextual);
    if (grants == null) {
      return new Subjects(Set.of(), false);
    }
    Set<String> candidates = known(subjectType, grants);
    List<Grant> all = new ArrayList<>(stored);
    all.addAll(grants);
    for (Grant g : all) {
      if (g.subject().isUserset()
          && g.subject().type().equals(subjectType)
          && g.subject().relation().equals(relation)) {
        candidates.add(g.subject().id());
      }
    }
    if (id != null && type.equals(subjectType)) {
      candidates.add(id);
    }
    candidates.remove(FRESH_RESOURCE);
    Set<String> out = new TreeSet<>();
    for (String o : candidates) {
      if (holds(SubjectRef.userset(subjectType, o, relation), resource, action, context, grants)) {
        out.add(o);
      }
    }
    boolean any =
        holds(
            SubjectRef.userset(subjectType, FRESH_USER, relation),
            resource,
            action,
            context,
            grants);
    return new Subjects(out, any);
  }

  private boolean holds(
      SubjectRef actor,
      EntityRef resource,
      String action,
      Map<String, Object> context,
      List<Grant> grants) {
    return new Run(actor, Map.of(), resource, Map.of(), context, grants)
            .get(resource.type(), resource.id(), action)
        == Truth.TRUE;
  }

  /**
   * The objects of a type the data knows: on either side of a stored or request-time grant (a plain
   * subject, not a wildcard or a userset), or with stored attributes.
   */
  Set<String> known(String type, List<Grant> contextual) {
    Set<String> out = new TreeSet<>();
    List<Grant> grants = new ArrayList<>(stored);
    grants.addAll(contextual);
    for (Grant g : grants) {
      if (g.resource().type().equals(type)) {
        out.add(g.resource().id());
      }
      SubjectRef s = g.subject();
      if (s.type().equals(type) && !s.isWildcard() && !s.isUserset()) {
        out.add(s.id());
      }
    }
    attributes.keySet().stream().filter(e -> e.type().equals(type)).forEach(e -> out.add(e.id()));
    return out;
  }

  // ---------------------------------------------------------------- depth

  /**
   * Whether evaluating the request can follow more than {@code maxDepth} nested relations: some
   * chain of distinct relations on objects, from the requested one, each depending on the next (a
   * rule naming another relation, a relation on an object the tupleset points to, or the members of
   * a userset granted), is longer than the limit. Explain, which follows every branch, fails
   * exactly then; a check, which may stop early, can fail only then.
   */
  boolean exceedsDepth(CheckRequest request, int maxDepth) {
    List<Grant> grants = placed(request.resource(), request.tenant(), request.contextualGrants());
    if (grants == null) {
      return false;
    }
    EntityRef r = request.resource();
    SubjectRef s = request.subject();
    String self = s.isUserset() ? key(s.type(), s.id(), s.relation()) : null;
    return exceedsDepth(r.type(), r.id(), request.action(), grants, maxDepth, self);
  }

  /** Whether evaluating some known object of a lookup's type can exceed the limit. */
  boolean resourceLookupExceedsDepth(
      String action, String type, List<Grant> contextual, int maxDepth) {
    for (String id : known(type, contextual)) {
      if (exceedsDepth(type, id, action, contextual, maxDepth)) {
        return true;
      }
    }
    return false;
  }

  /** Whether evaluating a subject lookup's resource can exceed the limit. */
  boolean subjectLookupExceedsDepth(
      String action, String type, String id, String tenant, List<Grant> contextual, int maxDepth) {
    EntityRef resource = new EntityRef(type, id == null ? FRESH_RESOURCE : id);
    List<Grant> grants = placed(resource, tenant, contextual);
    return grants != null && exceedsDepth(type, resource.id(), action, grants, maxDepth);
  }

  /** Whether a chain of nested relations from {@code type:id#relation} exceeds the limit. */
  boolean exceedsDepth(
      String type, String id, String relation, List<Grant> contextual, int maxDepth) {
    return exceedsDepth(type, id, relation, contextual, maxDepth, null);
  }

  /**
   * The same, for a userset actor whose own relation {@code self} ends a chain: the actor holds it,
   * so nothing below it is followed.
   */
  boolean exceedsDepth(
      String type, String id, String relation, List<Grant> contextual, int maxDepth, String self) {
    Map<String, List<Grant>> byNode = new HashMap<>();
    List<Grant> grants = new ArrayList<>(stored);
    grants.addAll(contextual);
    for (Grant g : grants) {
      byNode
          .computeIfAbsent(
              key(g.resource().type(), g.resource().id(), g.relation()), k -> new ArrayList<>())
          .add(g);
    }
    return new Chains(byNode, maxDepth, self)
        .longer(new String[] {type, id, relation}, new LinkedHashSet<>());
  }

  /** Depth-first search over chains of distinct nested relations, up to the limit. */
  private final class Chains {
    private final Map<String, List<Grant>> byNode;
    private final int maxDepth;
    private final String self;

    Chains(Map<String, List<Grant>> byNode, int maxDepth, String self) {
      this.byNode = byNode;
      this.maxDepth = maxDepth;
      this.self = self;
    }

    boolean longer(String[] node, Set<String> path) {
      String k = key(node[0], node[1], node[2]);
      if (path.contains(k) || k.equals(self)) {
        return false;
      }
      if (path.size() == maxDepth) {
        return true;
      }
      path.add(k);
      for (String[] next : next(node)) {
        if (longer(next, path)) {
          return true;
        }
      }
      path.remove(k);
      return false;
    }

    /** The relations a relation on an object depends on directly. */
    private List<String[]> next(String[] node) {
      List<String[]> out = new ArrayList<>();
      RelationDef def = policy.relation(node[0], node[2]);
      if (def.kind().grantable()) {
        for (Grant g : byNode.getOrDefault(key(node[0], node[1], node[2]), List.of())) {
          SubjectRef s = g.subject();
          if (s.isUserset() && policy.relation(s.type(), s.relation()) != null) {
            out.add(new String[] {s.type(), s.id(), s.relation()});
          }
        }
      }
      for (Rule r : def.rules()) {
        collect(r.body(), node[0], node[1], out);
      }
      return out;
    }

    private void collect(Rewrite rw, String type, String id, List<String[]> out) {
      if (rw instanceof Rewrite.Computed c) {
        out.add(new String[] {type, id, c.relation()});
      } else if (rw instanceof Rewrite.TupleToUserset ttu) {
        for (Grant g : byNode.getOrDefault(key(type, id, ttu.tupleset()), List.of())) {
          SubjectRef s = g.subject();
          if (!s.isWildcard() && policy.relation(s.type(), ttu.computed()) != null) {
            out.add(new String[] {s.type(), s.id(), ttu.computed()});
          }
        }
      } else if (rw instanceof Rewrite.Union u) {
        u.children().forEach(c -> collect(c, type, id, out));
      } else if (rw instanceof Rewrite.Intersection i) {
        i.children().forEach(c -> collect(c, type, id, out));
      } else if (rw instanceof Rewrite.Exclusion e) {
        collect(e.base(), type, id, out);
        collect(e.excluded(), type, id, out);
      }
    }
  }

  // ---------------------------------------------------------------- evaluation

  /**
   * One evaluation: the table of every relation on every object, for one actor with its
   * request-time data. The resource, when given, is the one just-in-time attributes describe.
   */
  private final class Run {
    private final SubjectRef actor;
    private final Map<String, Object> actorAttributes;
    private final EntityRef resource;
    private final Map<String, Object> resourceAttributes;
    private final Map<String, Object> context;
    private final List<Grant> grants = new ArrayList<>();
    private final Map<String, Set<String>> objects = new HashMap<>();
    private final Map<String, Truth> value = new HashMap<>();

    Run(
        SubjectRef actor,
        Map<String, Object> actorAttributes,
        EntityRef resource,
        Map<String, Object> resourceAttributes,
        Map<String, Object> context,
        List<Grant> contextual) {
      this.actor = actor;
      this.actorAttributes = actorAttributes;
      this.resource = resource;
      this.resourceAttributes = resourceAttributes;
      this.context = context;
      grants.addAll(stored);
      grants.addAll(contextual);
      for (Grant g : grants) {
        add(g.resource().type(), g.resource().id());
        if (!g.subject().isWildcard()) {
          add(g.subject().type(), g.subject().id());
        }
      }
      attributes.keySet().forEach(e -> add(e.type(), e.id()));
      if (!actor.isWildcard()) {
        add(actor.type(), actor.id());
      }
      if (resource != null) {
        add(resource.type(), resource.id());
      }
      for (List<String> stratum : strata) {
        solve(stratum);
      }
    }

    private void add(String type, String id) {
      objects.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(id);
    }

    private void solve(List<String> stratum) {
      boolean changed = true;
      while (changed) {
        changed = false;
        for (String node : stratum) {
          String type = node.substring(0, node.indexOf('#'));
          String relation = node.substring(node.indexOf('#') + 1);
          for (String id : objects.getOrDefault(type, Set.of())) {
            Truth v = relation(type, id, relation);
            if (value.put(key(type, id, relation), v) != v) {
              changed = true;
            }
          }
        }
      }
    }

    Truth get(String type, String id, String relation) {
      if (policy.relation(type, relation) == null) {
        return Truth.FALSE;
      }
      return value.getOrDefault(key(type, id, relation), Truth.FALSE);
    }

    private Truth relation(String type, String id, String relation) {
      if (actor.isUserset()
          && actor.type().equals(type)
          && actor.id().equals(id)
          && actor.relation().equals(relation)) {
        return Truth.TRUE; // a userset contains itself
      }
      RelationDef def = policy.relation(type, relation);
      boolean placed = def.rules().stream().anyMatch(r -> namesThis(r.body()));
      Truth acc = def.kind().grantable() && !placed ? direct(type, id, relation) : Truth.FALSE;
      for (Rule r : def.rules()) {
        acc = acc.or(rewrite(r.body(), type, id, relation));
      }
      return acc;
    }

    private Truth direct(String type, String id, String relation) {
      Truth acc = Truth.FALSE;
      for (Grant g : grants) {
        if (on(g, type, id, relation)) {
          acc = acc.or(condition(g).and(subject(g.subject())));
        }
      }
      return acc;
    }

    /**
     * Whether a grant's subject reaches the actor: a userset through its members (the userset actor
     * itself among them), a wildcard only an entity or the wildcard of its type, an entity only
     * itself.
     */
    private Truth subject(SubjectRef s) {
      if (s.isUserset()) {
        return get(s.type(), s.id(), s.relation());
      }
      if (actor.isUserset()) {
        return Truth.FALSE;
      }
      if (s.isWildcard()) {
        return Truth.of(s.type().equals(actor.type()));
      }
      return Truth.of(
          !actor.isWildcard() && s.type().equals(actor.type()) && s.id().equals(actor.id()));
    }

    private Truth condition(Grant g) {
      if (g.condition() == null) {
        return Truth.TRUE;
      }
      return Templates.condition(g.condition().name(), g.condition().context(), context);
    }

    /** {@code rw} in a rule of {@code relation}, whose grants {@code this} stands for. */
    private Truth rewrite(Rewrite rw, String type, String id, String relation) {
      if (rw instanceof Rewrite.Direct) {
        return direct(type, id, relation);
      }
      if (rw instanceof Rewrite.Computed c) {
        return get(type, id, c.relation());
      }
      if (rw instanceof Rewrite.TupleToUserset ttu) {
        return arrow(ttu, type, id);
      }
      if (rw instanceof Rewrite.Union u) {
        Truth acc = Truth.FALSE;
        for (Rewrite c : u.children()) {
          acc = acc.or(rewrite(c, type, id, relation));
        }
        return acc;
      }
      if (rw instanceof Rewrite.Intersection i) {
        Truth acc = Truth.TRUE;
        for (Rewrite c : i.children()) {
          acc = acc.and(rewrite(c, type, id, relation));
        }
        return acc;
      }
      if (rw instanceof Rewrite.Exclusion e) {
        return rewrite(e.base(), type, id, relation)
            .and(rewrite(e.excluded(), type, id, relation).not());
      }
      if (rw instanceof Rewrite.Attribute a) {
        return Templates.rule(a.cel()).meaning().apply(facts(type, id));
      }
      throw new IllegalArgumentException("unexpected rewrite " + rw);
    }

    /**
     * Each grant of the tupleset relation on the object relates its subject's object (a userset's
     * too); it counts as its condition and the computed relation there. Any: one of them is true.
     * All: every one is, and there is one.
     */
    private Truth arrow(Rewrite.TupleToUserset ttu, String type, String id) {
      List<Truth> each = new ArrayList<>();
      for (Grant g : grants) {
        SubjectRef s = g.subject();
        if (on(g, type, id, ttu.tupleset()) && !s.isWildcard()) {
          each.add(condition(g).and(get(s.type(), s.id(), ttu.computed())));
        }
      }
      if (each.isEmpty()) {
        return Truth.FALSE;
      }
      Truth acc = ttu.all() ? Truth.TRUE : Truth.FALSE;
      for (Truth t : each) {
        acc = ttu.all() ? acc.and(t) : acc.or(t);
      }
      return acc;
    }

    private Templates.Facts facts(String type, String id) {
      return new Templates.Facts() {
        @Override
        public Object actor(String name) {
          if (actor.isUserset()
              || actor.isWildcard()
              || !policy.type(actor.type()).attributes().containsKey(name)) {
            return null;
          }
          Object jit = actorAttributes.get(name);
          return jit != null ? jit : attributes.getOrDefault(actor.entity(), Map.of()).get(name);
        }

        @Override
        public Object resource(String name) {
          EntityRef self = new EntityRef(type, id);
          Object jit = self.equals(resource) ? resourceAttributes.get(name) : null;
          return jit != null ? jit : attributes.getOrDefault(self, Map.of()).get(name);
        }

        @Override
        public Object context(String name) {
          return context.get(name);
        }
      };
    }
  }

  /** True when a rule body names the relation's own grants: written here, not taken from core. */
  static boolean namesThis(Rewrite rw) {
    if (rw instanceof Rewrite.Direct) {
      return true;
    }
    if (rw instanceof Rewrite.Union u) {
      return u.children().stream().anyMatch(ReferenceEvaluator::namesThis);
    }
    if (rw instanceof Rewrite.Intersection i) {
      return i.children().stream().anyMatch(ReferenceEvaluator::namesThis);
    }
    if (rw instanceof Rewrite.Exclusion e) {
      return namesThis(e.base()) || namesThis(e.excluded());
    }
    return false;
  }

  private static boolean on(Grant g, String type, String id, String relation) {
    return g.resource().type().equals(type)
        && g.resource().id().equals(id)
        && g.relation().equals(relation);
  }

  private static String key(String type, String id, String relation) {
    return type + ":" + id + "#" + relation;
  }
}
