package dev.warden.store.sql;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.store.BatchPlanner;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The committed state a batch is planned against, read inside the write transaction. The planner
 * asks for the same grant more than once (to apply a mutation, then to compute the effect), so
 * point lookups are memoized; nothing else writes while the transaction holds the revision lock.
 */
final class TransactionState implements BatchPlanner.State, AutoCloseable {

  private final Connection connection;
  private final Map<Grant, Optional<Grant>> found = new HashMap<>();
  private PreparedStatement find;

  TransactionState(Connection connection) {
    this.connection = connection;
  }

  @Override
  public Grant find(Grant key) {
    return found.computeIfAbsent(key, k -> Optional.ofNullable(query(k))).orElse(null);
  }

  private Grant query(Grant key) {
    try {
      if (find == null) {
        find =
            connection.prepareStatement(
                "SELECT condition_name, condition_context FROM warden_grants WHERE "
                    + Rows.KEY_MATCH);
      }
      Rows.bindKey(find, 1, key);
      try (ResultSet rs = find.executeQuery()) {
        return rs.next()
            ? key.withCondition(Rows.condition(rs.getString(1), rs.getString(2)))
            : null;
      }
    } catch (SQLException e) {
      throw JdbcTupleStore.failed(e);
    }
  }

  @Override
  public List<Grant> matching(GrantFilter filter) {
    List<Grant> out = new ArrayList<>();
    if (!filter.hasValidIds()) {
      return out;
    }
    Filters f = Filters.of(filter);
    try (PreparedStatement s =
        connection.prepareStatement(
            "SELECT " + Rows.GRANT + " FROM warden_grants WHERE " + f.where())) {
      f.bind(s, 1);
      try (ResultSet rs = s.executeQuery()) {
        while (rs.next()) {
          out.add(Rows.grant(rs, 1));
        }
      }
    } catch (SQLException e) {
      throw JdbcTupleStore.failed(e);
    }
    return out;
  }

  @Override
  public Map<String, Object> attributes(EntityRef entity) {
    try {
      return JdbcTupleStore.attributes(connection, entity);
    } catch (SQLException e) {
      throw JdbcTupleStore.failed(e);
    }
  }

  @Override
  public void close() throws SQLException {
    if (find != null) {
      find.close();
    }
  }
}
