package dev.warden.store;

import dev.warden.store.memory.MemoryStore;

/** The store contract on the in-memory store, which the engine evaluates on directly. */
class MemoryStoreContractTest extends TupleStoreContract {
  @Override
  protected TupleStore newStore() {
    return new MemoryStore();
  }
}
