package dev.warden.model;

import java.util.Objects;

/**
 * One kind of subject a relation may be granted to: a plain object type ({@code User}), a userset
 * ({@code Group#member}) or a wildcard ({@code User:*}), optionally under a required condition
 * ({@code User with before}).
 *
 * <p>A shape listed only with conditions must be granted under one of them; a shape listed plainly
 * may be granted under any declared condition or none (see {@link RelationDef#admits}).
 *
 * @param type the subject's type name
 * @param relation the userset relation, or null for objects and wildcards
 * @param wildcard true for {@code Type:*}
 * @param condition the condition grants of this shape must carry, or null for none required
 */
public record SubjectType(String type, String relation, boolean wildcard, String condition) {

  public SubjectType {
    Objects.requireNonNull(type, "type");
    if (wildcard && relation != null) {
      throw new IllegalArgumentException("a wildcard subject type has no relation");
    }
  }

  /** A subject type without a required condition. */
  public SubjectType(String type, String relation, boolean wildcard) {
    this(type, relation, wildcard, null);
  }

  /** This shape, required to carry {@code name} (null: no requirement). */
  public SubjectType with(String name) {
    return new SubjectType(type, relation, wildcard, name);
  }

  /** This shape without its condition requirement. */
  public SubjectType shape() {
    return condition == null ? this : new SubjectType(type, relation, wildcard, null);
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
    String shape;
    if (wildcard) {
      shape = type + ":*";
    } else {
      shape = relation == null ? type : type + "#" + relation;
    }
    return condition == null ? shape : shape + " with " + condition;
  }
}
