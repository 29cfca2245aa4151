package dev.warden.store;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import java.util.Map;

/** Receives a store's whole content from {@link TupleStore#scan}, one item at a time. */
public interface SnapshotVisitor {

  /** One stored grant. */
  void grant(Grant grant);

  /** The stored attributes of one entity; never empty. */
  void attributes(EntityRef entity, Map<String, Object> attributes);
}
