package dev.warden.model.validate;

import dev.warden.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks a {@link Policy} for what its types cannot enforce alone: every name it refers to
 * resolves, {@code on} follows a plain relation to types that declare the computed relation, and no
 * rewrite cycle fails to terminate or runs through an excluded part. Every policy is checked the
 * same way whichever front end built it; the policy language maps the problems back to source.
 */
public final class PolicyValidator {

  private PolicyValidator() {}

  /** The problems of a policy built without recovery, in model order; empty when it is sound. */
  public static List<Problem> validate(Policy policy) {
    return validate(policy, Recovery.NONE);
  }

  /** The problems of a policy a front end built while recovering from errors. */
  public static List<Problem> validate(Policy policy, Recovery recovery) {
    List<Problem> out = new ArrayList<>();
    ReferenceChecks.check(policy, recovery, out);
    CycleFinder.check(policy, recovery, out);
    return List.copyOf(out);
  }
}
