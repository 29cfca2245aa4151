package dev.warden.store.sql;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.SubjectRef;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * How a grant maps to columns. The six key columns are never null: a subject without a userset
 * relation stores {@code ''}, so the primary key (and PostgreSQL's, which forbids nulls) covers it.
 */
final class Rows {

  /** The key columns, in primary key order. */
  static final String KEY =
      "resource_type, resource_id, relation, subject_type, subject_id, subject_relation";

  /** The key columns, then the condition. */
  static final String GRANT = KEY + ", condition_name, condition_context";

  /** Matches the key columns. */
  static final String KEY_MATCH =
      "resource_type = ? AND resource_id = ? AND relation = ? AND subject_type = ?"
          + " AND subject_id = ? AND subject_relation = ?";

  private Rows() {}

  /** Binds the six key columns from {@code index}; returns the next index. */
  static int bindKey(PreparedStatement s, int index, Grant g) throws SQLException {
    s.setString(index, g.resource().type());
    s.setString(index + 1, g.resource().id());
    s.setString(index + 2, g.relation());
    s.setString(index + 3, g.subject().type());
    s.setString(index + 4, g.subject().id());
    s.setString(index + 5, g.subject().relation() == null ? "" : g.subject().relation());
    return index + 6;
  }

  /** Binds the condition name and context; returns the next index. */
  static int bindCondition(PreparedStatement s, int index, GrantCondition c) throws SQLException {
    s.setString(index, c == null ? null : c.name());
    s.setString(index + 1, c == null ? null : Json.write(c.context()));
    return index + 2;
  }

  /** The grant in the {@link #GRANT} columns starting at {@code column}. */
  static Grant grant(ResultSet rs, int column) throws SQLException {
    String subjectRelation = rs.getString(column + 5);
    return new Grant(
        new EntityRef(rs.getString(column), rs.getString(column + 1)),
        rs.getString(column + 2),
        new SubjectRef(
            rs.getString(column + 3),
            rs.getString(column + 4),
            subjectRelation == null || subjectRelation.isEmpty() ? null : subjectRelation),
        condition(rs.getString(column + 6), rs.getString(column + 7)));
  }

  static GrantCondition condition(String name, String context) {
    return name == null ? null : new GrantCondition(name, Json.read(context));
  }
}
