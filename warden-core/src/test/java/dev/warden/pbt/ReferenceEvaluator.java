package dev.warden.pbt;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.SubjectRef;
import dev.warden.model.Policy;
import dev.warden.model.RelationDef;
import dev.warden.model.Rewrite;
import dev.warden.model.Rule;
import dev.warden.model.Truth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A deliberately simple evaluator to check the engine against. It shares nothing with the engine
 * but the model types: no index, no numbers, no depth-first search. For one actor it computes the
 * truth of every relation on every object, stratum by stratum, each stratum by iterating to a
 * fixpoint from false. Attribute rules and conditions come from {@link Templates}, whose meanings
 * are written out by hand instead of running CEL.
 */
final class ReferenceEvaluator {

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

  /** The truth of the request's action on its resource for its actor. */
  Truth evaluate(CheckRequest request) {
    return new Run(request).answer();
  }

  /** One request's evaluation: the table of every relation on every object, for its actor. */
  private final class Run {
    private final CheckRequest request;
    private final List<Grant> grants = new ArrayList<>();
    private final Map<String, Set<String>> objects = new HashMap<>();
    private final Map<String, Truth> value = new HashMap<>();

    Run(CheckRequest request) {
      this.request = request;
      grants.addAll(stored);
      grants.addAll(request.contextualGrants());
      for (Grant g : grants) {
        add(g.resource().type(), g.resource().id());
        if (!g.subject().isWildcard()) {
          add(g.subject().type(), g.subject().id());
        }
      }
      attributes.keySet().forEach(e -> add(e.type(), e.id()));
      add(request.actor().type(), request.actor().id());
      add(request.resource().type(), request.resource().id());
    }

    private void add(String type, String id) {
      objects.computeIfAbsent(type, k -> new LinkedHashSet<>()).add(id);
    }

    Truth answer() {
      for (List<String> stratum : strata) {
        solve(stratum);
      }
      return get(request.resource().type(), request.resource().id(), request.action());
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

    private Truth get(String type, String id, String relation) {
      if (policy.relation(type, relation) == null) {
        return Truth.FALSE;
      }
      return value.getOrDefault(key(type, id, relation), Truth.FALSE);
    }

    private Truth relation(String type, String id, String relation) {
      RelationDef def = policy.relation(type, relation);
      Truth acc = def.kind().grantable() ? direct(type, id, relation) : Truth.FALSE;
      for (Rule r : def.rules()) {
        acc = acc.or(rewrite(r.body(), type, id));
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

    private Truth subject(SubjectRef s) {
      EntityRef actor = request.actor();
      if (s.isWildcard()) {
        return Truth.of(s.type().equals(actor.type()));
      }
      if (s.isUserset()) {
        return get(s.type(), s.id(), s.relation());
      }
      return Truth.of(s.type().equals(actor.type()) && s.id().equals(actor.id()));
    }

    private Truth condition(Grant g) {
      if (g.condition() == null) {
        return Truth.TRUE;
      }
      return Templates.condition(g.condition().name(), g.condition().context(), request.context());
    }

    private Truth rewrite(Rewrite rw, String type, String id) {
      if (rw instanceof Rewrite.Computed c) {
        return get(type, id, c.relation());
      }
      if (rw instanceof Rewrite.TupleToUserset ttu) {
        Truth acc = Truth.FALSE;
        for (Grant g : grants) {
          SubjectRef s = g.subject();
          if (on(g, type, id, ttu.tupleset()) && !s.isWildcard() && !s.isUserset()) {
            acc = acc.or(condition(g).and(get(s.type(), s.id(), ttu.computed())));
          }
        }
        return acc;
      }
      if (rw instanceof Rewrite.Union u) {
        Truth acc = Truth.FALSE;
        for (Rewrite c : u.children()) {
          acc = acc.or(rewrite(c, type, id));
        }
        return acc;
      }
      if (rw instanceof Rewrite.Intersection i) {
        Truth acc = Truth.TRUE;
        for (Rewrite c : i.children()) {
          acc = acc.and(rewrite(c, type, id));
        }
        return acc;
      }
      if (rw instanceof Rewrite.Exclusion e) {
        return rewrite(e.base(), type, id).and(rewrite(e.excluded(), type, id).not());
      }
      if (rw instanceof Rewrite.Attribute a) {
        return Templates.rule(a.cel()).meaning().apply(facts(type, id));
      }
      throw new IllegalArgumentException("unexpected rewrite " + rw);
    }

    private Templates.Facts facts(String type, String id) {
      return new Templates.Facts() {
        @Override
        public Object actor(String name) {
          EntityRef actor = request.actor();
          if (!policy.type(actor.type()).attributes().containsKey(name)) {
            return null;
          }
          Object jit = request.actorAttributes().get(name);
          return jit != null ? jit : attributes.getOrDefault(actor, Map.of()).get(name);
        }

        @Override
        public Object resource(String name) {
          EntityRef self = new EntityRef(type, id);
          Object jit =
              self.equals(request.resource()) ? request.resourceAttributes().get(name) : null;
          return jit != null ? jit : attributes.getOrDefault(self, Map.of()).get(name);
        }

        @Override
        public Object context(String name) {
          return request.context().get(name);
        }
      };
    }
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
