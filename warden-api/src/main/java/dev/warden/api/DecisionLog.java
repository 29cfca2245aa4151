package dev.warden.api;

/**
 * Where decisions are recorded. The audit log implements it; so can anything that wants to watch
 * decisions. Implementations must be thread-safe and must not block the caller for long: a slow log
 * slows every check.
 */
@FunctionalInterface
public interface DecisionLog {

  /** Records one decision. */
  void record(DecisionEvent event);

  /**
   * Records one decision only if that needs no waiting, for callers that must never block (the HTTP
   * server's event loops): they refuse a decision that could not be recorded instead of answering
   * it unrecorded. By default this records and returns true, which is right for a log whose {@link
   * #record} never waits; a log with back-pressure overrides it.
   *
   * @return whether the decision was recorded (accepted for writing)
   */
  default boolean tryRecord(DecisionEvent event) {
    record(event);
    return true;
  }

  /** Records nothing. */
  DecisionLog NONE = event -> {};
}
