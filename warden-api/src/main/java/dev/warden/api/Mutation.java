package dev.warden.api;

import java.util.Map;
import java.util.Objects;

/** One change in a write batch. */
public sealed interface Mutation {

  /** Adds a grant; the whole batch fails if the same triple already exists. */
  record Create(Grant grant) implements Mutation {
    public Create {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** Adds a grant, or replaces the condition of an existing one: idempotent. */
  record Touch(Grant grant) implements Mutation {
    public Touch {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** Removes a grant (its triple; the condition is ignored) if present: idempotent. */
  record Delete(Grant grant) implements Mutation {
    public Delete {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** Removes every grant matching the filter. */
  record DeleteMatching(GrantFilter filter) implements Mutation {
    public DeleteMatching {
      Objects.requireNonNull(filter, "filter");
    }
  }

  /**
   * Replaces the stored attributes of an entity; an empty map removes them. Values are kept in the
   * normal form of {@link JsonValues}, as condition contexts are.
   */
  record SetAttributes(EntityRef entity, Map<String, Object> attributes) implements Mutation {
    public SetAttributes {
      Objects.requireNonNull(entity, "entity");
      attributes = JsonValues.normalizeMap(attributes);
    }
  }
}
