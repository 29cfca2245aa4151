package dev.warden.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One authorization decision, as the audit log records it. Never carries a secret: an API key
 * appears only by its id.
 *
 * @param time when the decision was made
 * @param decisionId unique id, returned to the caller with the decision
 * @param actor who asked to act
 * @param action the action
 * @param resource the resource
 * @param tenant the tenant named by the request, or null
 * @param allowed the decision
 * @param revision the data revision it was computed at
 * @param policyVersion the policy version in force, or null when unknown
 * @param reason a short reason, such as {@code granted} or {@code tool not authorized}
 * @param latencyMicros how long deciding took
 * @param keyId the id of the API key that asked, or null
 * @param source where the decision was made: {@code http}, {@code embedded}, {@code agent-tool}...
 */
public record DecisionEvent(
    Instant time,
    String decisionId,
    EntityRef actor,
    String action,
    EntityRef resource,
    String tenant,
    boolean allowed,
    long revision,
    String policyVersion,
    String reason,
    long latencyMicros,
    String keyId,
    String source) {

  public DecisionEvent {
    Objects.requireNonNull(time, "time");
    Objects.requireNonNull(decisionId, "decisionId");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(source, "source");
  }

  /**
   * The event of a check decision that already carries its id: the facade and the server record
   * checks the same way, differing only in policy version, key and source.
   *
   * @param startNanos {@link System#nanoTime()} when deciding began
   */
  public static DecisionEvent ofCheck(
      CheckRequest request,
      Decision decision,
      long startNanos,
      String policyVersion,
      String keyId,
      String source) {
    return new DecisionEvent(
        Instant.now(),
        decision.decisionId(),
        auditedActor(request.subject()),
        request.action(),
        request.resource(),
        request.tenant(),
        decision.allowed(),
        decision.revision(),
        policyVersion,
        (decision.allowed() ? "granted" : "not granted") + subjectNote(request.subject()),
        (System.nanoTime() - startNanos) / 1000,
        keyId,
        source);
  }

  /**
   * The actor an audit entry records for a subject. The entry's actor is an entity, so a userset
   * subject is recorded by its object and a wildcard by the placeholder id {@code ~*} (an id no
   * caller-facing path produces for a wildcard); the reason then names the subject in full.
   */
  static EntityRef auditedActor(SubjectRef subject) {
    if (subject.isWildcard()) {
      return new EntityRef(subject.type(), "~*");
    }
    return subject.entity();
  }

  private static String subjectNote(SubjectRef subject) {
    return subject.isUserset() || subject.isWildcard() ? " to subject `" + subject + "`" : "";
  }
}
