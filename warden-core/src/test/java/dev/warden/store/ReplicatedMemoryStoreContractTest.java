package dev.warden.store;

import dev.warden.store.memory.MemoryStore;

/**
 * The store contract on an in-memory store hidden behind a store with no shared index: the facade
 * tests then run on an index replica, as they do over SQLite and PostgreSQL.
 */
class ReplicatedMemoryStoreContractTest extends TupleStoreContract {
  @Override
  protected TupleStore newStore() {
    return new ForwardingStore(new MemoryStore(), true);
  }

  @Override
  protected TupleStore sameStorage(TupleStore store) {
    return new ForwardingStore(store, true);
  }
}
