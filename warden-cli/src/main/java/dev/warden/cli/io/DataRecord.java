package dev.warden.cli.io;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import java.util.Map;
import java.util.Objects;

/** One record of a data file: a grant, or the attributes of one entity. */
public sealed interface DataRecord {

  /** A grant. */
  record GrantRecord(Grant grant) implements DataRecord {
    public GrantRecord {
      Objects.requireNonNull(grant, "grant");
    }
  }

  /** The attributes of one entity. */
  record AttributesRecord(EntityRef entity, Map<String, Object> attributes) implements DataRecord {
    public AttributesRecord {
      Objects.requireNonNull(entity, "entity");
      attributes = Map.copyOf(attributes);
    }
  }
}
