package dev.warden.store.sql;

import dev.warden.api.GrantFilter;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** A {@link GrantFilter} as a SQL condition with its parameters. */
record Filters(String where, List<String> parameters) {

  static Filters of(GrantFilter f) {
    List<String> clauses = new ArrayList<>();
    List<String> params = new ArrayList<>();
    add(clauses, params, "resource_type", f.resourceType());
    add(clauses, params, "resource_id", f.resourceId());
    add(clauses, params, "relation", f.relation());
    add(clauses, params, "subject_type", f.subjectType());
    add(clauses, params, "subject_id", f.subjectId());
    add(clauses, params, "subject_relation", f.subjectRelation());
    return new Filters(clauses.isEmpty() ? "1 = 1" : String.join(" AND ", clauses), params);
  }

  private static void add(List<String> clauses, List<String> params, String column, String value) {
    if (value != null) {
      clauses.add(column + " = ?");
      params.add(value);
    }
  }

  /** Binds the parameters from {@code index}; returns the next index. */
  int bind(PreparedStatement s, int index) throws SQLException {
    for (String p : parameters) {
      s.setString(index++, p);
    }
    return index;
  }
}
