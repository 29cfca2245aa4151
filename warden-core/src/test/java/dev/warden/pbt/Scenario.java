package dev.warden.pbt;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.model.Policy;
import java.util.List;
import java.util.Map;

/**
 * A generated test case: a policy, the data written under it, and the checks to ask.
 *
 * @param seed the seed that regenerates exactly this scenario
 * @param policy the policy model
 * @param source the same policy in the policy language
 * @param grants grants to write
 * @param attributes stored attributes to write
 * @param requests checks to compare
 */
public record Scenario(
    long seed,
    Policy policy,
    String source,
    List<Grant> grants,
    Map<EntityRef, Map<String, Object>> attributes,
    List<CheckRequest> requests) {

  /** Everything needed to replay a failure by eye. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("seed ").append(seed).append('\n').append(source).append("\ngrants:\n");
    grants.forEach(g -> sb.append("  ").append(g).append('\n'));
    sb.append("attributes:\n");
    attributes.forEach((e, a) -> sb.append("  ").append(e).append(' ').append(a).append('\n'));
    return sb.toString();
  }

  /** One request, with its request-time data, for a failure message. */
  public static String describe(CheckRequest r) {
    return r
        + (r.actorAttributes().isEmpty() ? "" : " actorAttributes=" + r.actorAttributes())
        + (r.resourceAttributes().isEmpty() ? "" : " resourceAttributes=" + r.resourceAttributes())
        + (r.context().isEmpty() ? "" : " context=" + r.context())
        + (r.contextualGrants().isEmpty() ? "" : " contextualGrants=" + r.contextualGrants());
  }
}
