package dev.warden.store.postgres;

import dev.warden.store.TupleStore;
import dev.warden.store.TupleStoreContract;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;

/** The store contract on the local PostgreSQL server, each test in a schema of its own. */
class PostgresStoreContractTest extends TupleStoreContract {

  private static final TestDatabase DB = new TestDatabase();

  @AfterAll
  static void dropSchemas() throws SQLException {
    DB.dropAll();
  }

  @Override
  protected TupleStore newStore() {
    return PostgresStore.open(TestDatabase.URL, DB.freshSchema("warden_contract"));
  }

  @Override
  protected TupleStore sameStorage(TupleStore store) {
    return PostgresStore.open(TestDatabase.URL, ((PostgresStore) store).schema());
  }
}
