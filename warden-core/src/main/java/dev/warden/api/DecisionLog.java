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

  /** Records nothing. */
  DecisionLog NONE = event -> {};
}
