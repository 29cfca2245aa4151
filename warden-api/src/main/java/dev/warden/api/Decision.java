package dev.warden.api;

/**
 * The answer to a check.
 *
 * @param allowed true only when the policy definitely grants the action
 * @param revision the data revision the answer was computed at
 * @param decisionId the audit log id of this decision, or null when not audited
 */
public record Decision(boolean allowed, long revision, String decisionId) {

  /** A decision not (yet) recorded in an audit log. */
  public static Decision of(boolean allowed, long revision) {
    return new Decision(allowed, revision, null);
  }

  /** The same decision with its audit id. */
  public Decision withDecisionId(String id) {
    return new Decision(allowed, revision, id);
  }
}
