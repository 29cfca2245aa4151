package dev.warden.model.validate;

/**
 * What a {@link Problem} is about. The names are the policy language's diagnostic codes for the
 * same mistakes, so a front end reports a model problem under the code its users already know.
 */
public enum ProblemCode {
  /** A subject type names a type the policy does not declare. */
  P301,
  /** A rule refers to a relation its type does not declare. */
  P302,
  /** The tupleset of a tuple-to-userset is not a relation of the type. */
  P304,
  /** A userset subject type names a relation its type does not declare. */
  P305,
  /** A subject type requires a condition the policy does not declare. */
  P306,
  /** No type the tupleset relates to declares the computed relation. */
  P401,
  /** The tupleset is a role or permission, or allows usersets or wildcards. */
  P402,
  /** A rule of a permission names {@code this}: a permission has no grants of its own. */
  P404,
  /** A relation depends on itself on the same object: evaluating it cannot terminate. */
  P501,
  /** A cycle through an excluded part: its meaning would be undefined. */
  P502
}
