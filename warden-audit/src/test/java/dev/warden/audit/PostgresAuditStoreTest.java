package dev.warden.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** The contract on the PostgreSQL at 127.0.0.1:5432, in a schema of its own, dropped after. */
class PostgresAuditStoreTest extends AuditStoreContract {

  static final Pg PG = new Pg("audit_store");

  @BeforeAll
  static void createSchema() throws SQLException {
    PG.create();
  }

  @AfterAll
  static void dropSchema() throws SQLException {
    PG.drop();
  }

  @BeforeEach
  void emptyTables() throws SQLException {
    // the store is open (tables migrated); start every test from an empty chain
    PG.reset();
  }

  @Override
  AuditDatabase database() {
    return PG.database();
  }

  @Override
  Connection connect() throws SQLException {
    Connection c = PG.connect();
    try (Statement s = c.createStatement()) {
      s.execute("SET search_path TO " + PG.schema);
    }
    return c;
  }
}
