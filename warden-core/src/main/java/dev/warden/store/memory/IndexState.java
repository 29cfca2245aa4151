package dev.warden.store.memory;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.store.BatchPlanner;
import dev.warden.store.index.Codes;
import dev.warden.store.index.ConditionalSubject;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads grants out of an index by value, for batch planning and paged reads. Callers hold the
 * index's read lock or are its only writer.
 */
final class IndexState implements BatchPlanner.State {

  private final RelationshipIndex index;

  IndexState(RelationshipIndex index) {
    this.index = index;
  }

  @Override
  public Grant find(Grant key) {
    int type = index.typeId(key.resource().type());
    int relation = index.relationId(key.relation());
    long object = index.objectId(key.resource().id());
    long code = index.findSubject(key.subject());
    if (type < 0 || relation < 0 || object < 0 || code < 0) {
      return null;
    }
    long node = Codes.node(type, object, relation);
    if (Arrays.binarySearch(index.subjects(node), code) >= 0) {
      return key;
    }
    for (ConditionalSubject c : index.conditionalSubjects(node)) {
      if (c.code() == code) {
        return key.withCondition(c.condition());
      }
    }
    return null;
  }

  @Override
  public List<Grant> matching(GrantFilter filter) {
    List<Grant> out = new ArrayList<>();
    if (filter.hasValidIds()) {
      index.forEachGrant(
          candidateNodes(filter),
          g -> {
            if (filter.matches(g)) {
              out.add(g);
            }
          });
    }
    return out;
  }

  @Override
  public Map<String, Object> attributes(EntityRef entity) {
    int type = index.typeId(entity.type());
    long object = index.objectId(entity.id());
    return type < 0 || object < 0 ? Map.of() : index.attributes(Codes.entity(type, object));
  }

  /** The nodes worth scanning for a filter, or null to scan all. */
  private long[] candidateNodes(GrantFilter f) {
    if (f.resourceType() != null && f.resourceId() != null) {
      int type = index.typeId(f.resourceType());
      long object = index.objectId(f.resourceId());
      return type < 0 || object < 0 ? new long[0] : index.nodesOn(type, object);
    }
    if (f.subjectType() != null && f.subjectId() != null) {
      int type = index.typeId(f.subjectType());
      long object = index.objectId(f.subjectId());
      int relation = f.subjectRelation() == null ? 0 : index.relationId(f.subjectRelation());
      if (type < 0 || object < 0 || relation < 0) {
        return new long[0];
      }
      if (f.subjectRelation() != null) {
        return index.nodesOf(Codes.subject(type, object, relation));
      }
    }
    return null;
  }
}
