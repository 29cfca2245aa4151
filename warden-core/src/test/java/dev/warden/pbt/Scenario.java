package dev.warden.pbt;

import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.WriteBatch;
import dev.warden.model.Policy;
import java.util.List;
import java.util.Map;

/**
 * A generated test case: a policy, the data written under it, later batches of writes, and the
 * checks to ask.
 *
 * @param seed the seed that regenerates exactly this scenario
 * @param policy the policy model
 * @param source the same policy in the policy language
 * @param grants grants to write
 * @param attributes stored attributes to write
 * @param steps batches written after the first load, in order
 * @param requests checks to compare
 */
public record Scenario(
    long seed,
    Policy policy,
    String source,
    List<Grant> grants,
    Map<EntityRef, Map<String, Object>> attributes,
    List<Step> steps,
    List<CheckRequest> requests) {

  /**
   * One batch written after the first load, and the data it leaves.
   *
   * @param batch the mutations, applied in order
   * @param grants every grant stored after the batch
   * @param attributes every entity's stored attributes after the batch
   */
  public record Step(
      WriteBatch batch, List<Grant> grants, Map<EntityRef, Map<String, Object>> attributes) {}

  /** Everything needed to replay a failure by eye. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append("seed ").append(seed).append('\n').append(source).append("\ngrants:\n");
    grants.forEach(g -> sb.append("  ").append(g).append('\n'));
    sb.append("attributes:\n");
    attributes.forEach((e, a) -> sb.append("  ").append(e).append(' ').append(a).append('\n'));
    return sb.toString();
  }

  /** The first load and the first {@code count} steps, for a failure after a step. */
  public String describe(int count) {
    StringBuilder sb = new StringBuilder(describe());
    for (int i = 0; i < count; i++) {
      sb.append("step ").append(i + 1).append(":\n");
      steps.get(i).batch().mutations().forEach(m -> sb.append("  ").append(m).append('\n'));
    }
    return sb.toString();
  }

  /** One request, with its request-time data, for a failure message. */
  public static String describe(CheckRequest r) {
    return r
        + (r.tenant() == null ? "" : " tenant=" + r.tenant())
        + (r.actorAttributes().isEmpty() ? "" : " actorAttributes=" + r.actorAttributes())
        + (r.resourceAttributes().isEmpty() ? "" : " resourceAttributes=" + r.resourceAttributes())
        + (r.context().isEmpty() ? "" : " context=" + r.context())
        + (r.contextualGrants().isEmpty() ? "" : " contextualGrants=" + r.contextualGrants());
  }
}
