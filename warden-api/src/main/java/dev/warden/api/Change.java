package dev.warden.api;

import java.util.Map;
import java.util.Objects;

/**
 * One effect of a committed write, as replicas and watchers see it. A batch yields one change per
 * effective mutation, all with the batch's revision; no-op mutations (touching an identical grant,
 * deleting a missing one) yield none.
 */
public sealed interface Change {

  /** The revision of the batch this change belongs to. */
  long revision();

  /** A grant now holds (new, or with a new condition). */
  record GrantWritten(long revision, Grant grant) implements Change {
    public GrantWritten {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** A grant no longer holds. */
  record GrantDeleted(long revision, Grant grant) implements Change {
    public GrantDeleted {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** An entity's stored attributes are now exactly these (empty: none). */
  record AttributesSet(long revision, EntityRef entity, Map<String, Object> attributes)
      implements Change {
    public AttributesSet {
      Objects.requireNonNull(entity, "entity");
      attributes = Map.copyOf(attributes);
    }
  }
}
