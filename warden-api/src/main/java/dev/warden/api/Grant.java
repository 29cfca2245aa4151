package dev.warden.api;

import java.util.Objects;

/**
 * A relationship tuple: {@code resource#relation@subject}, optionally under a condition. Written
 * {@code Repository:gmail#admin@User:larry} or {@code Document:q3#viewer@User:carol [before
 * {"deadline":"2026-12-31T00:00:00Z"}]}.
 *
 * <p>Identity is the triple; the condition is a property of the grant, so writing the same triple
 * with another condition replaces it.
 *
 * @param resource the object the grant is on
 * @param relation the role or relation granted
 * @param subject who receives it
 * @param condition the condition it is under, or null for an unconditional grant
 */
public record Grant(
    EntityRef resource, String relation, SubjectRef subject, GrantCondition condition) {

  public Grant {
    Objects.requireNonNull(resource, "resource");
    Names.requireName(relation, "relation");
    Objects.requireNonNull(subject, "subject");
  }

  /** An unconditional grant. */
  public static Grant of(EntityRef resource, String relation, SubjectRef subject) {
    return new Grant(resource, relation, subject, null);
  }

  /** Parses the text form; see {@link GrantSyntax}. */
  public static Grant parse(String text) {
    return GrantSyntax.parse(text);
  }

  /** The same grant without its condition: the tuple's identity. */
  public Grant key() {
    return condition == null ? this : new Grant(resource, relation, subject, null);
  }

  /** The same triple under another condition (null for none). */
  public Grant withCondition(GrantCondition newCondition) {
    return new Grant(resource, relation, subject, newCondition);
  }

  @Override
  public String toString() {
    return GrantSyntax.format(this);
  }
}
