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

  /** Separates the parts of a {@link #packed} row. */
  private static final char SEPARATOR = 1;

  private Rows() {}

  /**
   * One text column holding a whole grant, for full scans: the six key parts, the condition name
   * and its context, separated by U+0001. Names, ids and JSON text (which escapes control
   * characters) never contain it. One column read per row instead of eight: over JDBC each column
   * read costs a native call, and at a million rows that dominated the scan.
   *
   * @param charFunction the SQL function that makes a character from its code (SQLite's and
   *     PostgreSQL's names differ)
   */
  static String packed(String charFunction) {
    String sep = " || " + charFunction + "(1) || ";
    return "resource_type"
        + sep
        + "resource_id"
        + sep
        + "relation"
        + sep
        + "subject_type"
        + sep
        + "subject_id"
        + sep
        + "subject_relation"
        + sep
        + "COALESCE(condition_name, '')"
        + sep
        + "COALESCE(condition_context, '')";
  }

  /** The grant in a {@link #packed} column. */
  static Grant unpack(String row) {
    String[] part = new String[8];
    int from = 0;
    for (int i = 0; i < 7; i++) {
      int to = row.indexOf(SEPARATOR, from);
      if (to < 0) {
        throw new IllegalStateException("a packed grant row has too few parts");
      }
      part[i] = row.substring(from, to);
      from = to + 1;
    }
    part[7] = row.substring(from);
    return new Grant(
        new EntityRef(part[0], part[1]),
        part[2],
        new SubjectRef(part[3], part[4], part[5].isEmpty() ? null : part[5]),
        part[6].isEmpty() ? null : new GrantCondition(part[6], Json.read(part[7])));
  }

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
