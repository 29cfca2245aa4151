package dev.warden.api;

import java.util.Map;
import java.util.Objects;

/**
 * One effect of a committed write, as replicas and watchers see it. A batch yields one change per
 * effective mutation, all with the batch's revision; no-op mutations (touching an identical grant,
 * deleting a missing one) yield none. Activating a stored policy version is a revision of its own,
 * with a single {@link PolicyActivated}.
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

  /**
   * The store's policy version {@code version} is the active one from this revision on: every
   * engine following the store evaluates revision {@code revision} and later under it. The store
   * keeps the source; the change names the version only.
   */
  record PolicyActivated(long revision, long version) implements Change {
    public PolicyActivated {
      if (version < 1) {
        throw new IllegalArgumentException("policy versions start at 1, was " + version);
      }
    }
  }
}
