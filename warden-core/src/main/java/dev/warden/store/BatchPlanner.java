package dev.warden.store;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Mutation;
import dev.warden.api.Precondition;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The semantics of a write batch, in one place for every store: checks preconditions against the
 * state before the batch, applies mutations in order over an overlay (so a later mutation sees an
 * earlier one), and returns the net effects. Stores call it inside their transaction and persist
 * the effects; a thrown exception means nothing may be written.
 */
public final class BatchPlanner {

  /** The committed state a batch is planned against, as the store sees it in its transaction. */
  public interface State {
    /** The grant with the same triple as {@code key}, or null. */
    Grant find(Grant key);

    /** Every grant matching the filter. */
    List<Grant> matching(GrantFilter filter);

    /** The entity's stored attributes; empty when none. */
    Map<String, Object> attributes(EntityRef entity);
  }

  private final State state;
  private final long revision;
  private final Map<Grant, Grant> overlay = new LinkedHashMap<>();
  private final Map<EntityRef, Map<String, Object>> attributes = new LinkedHashMap<>();

  private BatchPlanner(State state, long revision) {
    this.state = state;
    this.revision = revision;
  }

  /**
   * The net effects of the batch at the given revision; empty when it changes nothing.
   *
   * @throws WardenException {@code PRECONDITION_FAILED} when a precondition or create fails
   */
  public static List<Change> plan(WriteBatch batch, long revision, State state) {
    BatchPlanner p = new BatchPlanner(state, revision);
    p.checkPreconditions(batch.preconditions());
    for (Mutation m : batch.mutations()) {
      p.apply(m);
    }
    return p.effects();
  }

  private void checkPreconditions(List<Precondition> preconditions) {
    for (Precondition p : preconditions) {
      boolean exists = !state.matching(p.filter()).isEmpty();
      if (exists != p.mustExist()) {
        throw new WardenException(
            ErrorCode.PRECONDITION_FAILED,
            (p.mustExist() ? "no grant matches " : "a grant matches ") + describe(p.filter()));
      }
    }
  }

  private void apply(Mutation m) {
    if (m instanceof Mutation.Create c) {
      if (current(c.grant()) != null) {
        throw new WardenException(
            ErrorCode.PRECONDITION_FAILED, "grant `" + c.grant().key() + "` already exists");
      }
      overlay.put(c.grant().key(), c.grant());
    } else if (m instanceof Mutation.Touch t) {
      overlay.put(t.grant().key(), t.grant());
    } else if (m instanceof Mutation.Delete d) {
      overlay.put(d.grant().key(), null);
    } else if (m instanceof Mutation.DeleteMatching dm) {
      for (Grant g : state.matching(dm.filter())) {
        overlay.putIfAbsent(g.key(), g);
        overlay.put(g.key(), null);
      }
      for (Map.Entry<Grant, Grant> e : overlay.entrySet()) {
        if (e.getValue() != null && dm.filter().matches(e.getKey())) {
          e.setValue(null);
        }
      }
    } else if (m instanceof Mutation.SetAttributes s) {
      attributes.put(s.entity(), s.attributes());
    }
  }

  private Grant current(Grant g) {
    Grant key = g.key();
    return overlay.containsKey(key) ? overlay.get(key) : state.find(key);
  }

  private List<Change> effects() {
    List<Change> out = new ArrayList<>();
    overlay.forEach(
        (key, after) -> {
          Grant before = state.find(key);
          if (Objects.equals(before, after)) {
            return;
          }
          out.add(
              after == null
                  ? new Change.GrantDeleted(revision, before)
                  : new Change.GrantWritten(revision, after));
        });
    attributes.forEach(
        (entity, after) -> {
          if (!state.attributes(entity).equals(after)) {
            out.add(new Change.AttributesSet(revision, entity, after));
          }
        });
    return out;
  }

  private static String describe(GrantFilter f) {
    return "`"
        + (f.resourceType() == null ? "*" : f.resourceType())
        + ":"
        + (f.resourceId() == null ? "*" : f.resourceId())
        + "#"
        + (f.relation() == null ? "*" : f.relation())
        + "@"
        + (f.subjectType() == null ? "*" : f.subjectType())
        + ":"
        + (f.subjectId() == null ? "*" : f.subjectId())
        + (f.subjectRelation() == null ? "" : "#" + f.subjectRelation())
        + "`";
  }
}
