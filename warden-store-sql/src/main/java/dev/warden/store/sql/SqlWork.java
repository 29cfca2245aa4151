package dev.warden.store.sql;

import java.sql.Connection;
import java.sql.SQLException;

/** Work done on a connection inside a transaction the caller manages. */
@FunctionalInterface
public interface SqlWork<T> {
  T run(Connection connection) throws SQLException;
}
