package dev.warden.engine;

import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.store.index.Codes;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a request adds to the index for its own evaluation: numbers for ids the index has never seen
 * (an actor with no grants, a resource known only by its just-in-time attributes) and the request's
 * contextual grants. Local numbers start above any the index hands out, so they never collide and
 * find no stored grants.
 */
final class RequestScope {

  private static final long LOCAL_BASE = 1L << 39;

  private final RelationshipIndex index;
  private final Map<String, Long> localIds = new HashMap<>();
  private final List<String> localNames = new ArrayList<>();
  private long[] nodes = new long[0];
  private long[] codes = new long[0];
  private GrantCondition[] conditions = new GrantCondition[0];
  private final List<Grant> grants;

  RequestScope(RelationshipIndex index, Query query) {
    this.index = index;
    if (!query.actor().isWildcard()) {
      objectId(query.actor().id());
    }
    this.grants = query.contextualGrants();
    nodes = new long[grants.size()];
    codes = new long[grants.size()];
    conditions = new GrantCondition[grants.size()];
    for (int i = 0; i < grants.size(); i++) {
      Grant g = grants.get(i);
      nodes[i] =
          Codes.node(
              index.typeId(g.resource().type()),
              objectId(g.resource().id()),
              index.relationId(g.relation()));
      int rel = g.subject().relation() == null ? 0 : index.relationId(g.subject().relation());
      codes[i] = Codes.subject(index.typeId(g.subject().type()), objectId(g.subject().id()), rel);
      conditions[i] = g.condition();
    }
  }

  /** The id's number: the index's, or a local one. */
  long objectId(String id) {
    long n = index.objectId(id);
    if (n >= 0) {
      return n;
    }
    Long local = localIds.get(id);
    if (local == null) {
      local = LOCAL_BASE + localNames.size();
      localIds.put(id, local);
      localNames.add(id);
    }
    return local;
  }

  /** The id behind a number, local or not. */
  String objectName(long object) {
    if (object >= LOCAL_BASE && object != Codes.WILDCARD) {
      return localNames.get((int) (object - LOCAL_BASE));
    }
    return index.objectName(object);
  }

  /** Number of contextual grants. */
  int grantCount() {
    return nodes.length;
  }

  long node(int i) {
    return nodes[i];
  }

  long code(int i) {
    return codes[i];
  }

  GrantCondition condition(int i) {
    return conditions[i];
  }

  Grant grant(int i) {
    return grants.get(i);
  }
}
