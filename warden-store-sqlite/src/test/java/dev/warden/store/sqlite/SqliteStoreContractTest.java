package dev.warden.store.sqlite;

import dev.warden.store.TupleStore;
import dev.warden.store.TupleStoreContract;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file. */
class SqliteStoreContractTest extends TupleStoreContract {

  @TempDir Path dir;
  private final AtomicInteger files = new AtomicInteger();

  @Override
  protected TupleStore newStore() {
    return SqliteStore.open(dir.resolve("store" + files.incrementAndGet() + ".db"));
  }

  @Override
  protected TupleStore sameStorage(TupleStore store) {
    return SqliteStore.open(((SqliteStore) store).file());
  }
}
