package dev.warden.model;

import java.util.Objects;

/**
 * One kind of subject a relation may be granted to: a plain object type ({@code User}), a userset
 * ({@code Group#member}) or a wildcard ({@code User:*}).
 *
 * @param type the subject's type name
 * @param relation the userset relation, or null for objects and wildcards
 * @param wildcard true for {@code Type:*}
 */
public record SubjectType(String type, String relation, boolean wildcard) {

  public SubjectType {
    Objects.requireNonNull(type, "type");
    if (wildcard && relation != null) {
      throw new IllegalArgumentException("a wildcard subject type has no relation");
    }
  }

  /** Plain objects of a type. */
  public static SubjectType object(String type) {
    return new SubjectType(type, null, false);
  }

  /** Usersets {@code type#relation}. */
  public static SubjectType userset(String type, String relation) {
    return new SubjectType(type, Objects.requireNonNull(relation, "relation"), false);
  }

  /** The wildcard {@code type:*}. */
  public static SubjectType wildcard(String type) {
    return new SubjectType(type, null, true);
  }

  /** True for plain objects (neither userset nor wildcard). */
  public boolean isObject() {
    return relation == null && !wildcard;
  }

  @Override
  public String toString() {
    if (wildcard) {
      return type + ":*";
    }
    return relation == null ? type : type + "#" + relation;
  }
}
