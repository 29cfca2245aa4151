package dev.warden.langchain4j;

import dev.warden.api.Decision;
import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionIds;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import java.time.Instant;

/** Records the decisions taken when tool calls run, with source {@code agent-tool}. */
record ToolAudit(DecisionLog log) {

  static final String SOURCE = "agent-tool";

  void record(
      EntityRef actor,
      String action,
      EntityRef resource,
      Decision decision,
      String reason,
      long startNanos) {
    String id =
        decision == null || decision.decisionId() == null
            ? DecisionIds.next()
            : decision.decisionId();
    log.record(
        new DecisionEvent(
            Instant.now(),
            id,
            actor,
            action,
            resource,
            null,
            decision != null && decision.allowed(),
            decision == null ? -1 : decision.revision(),
            null,
            reason,
            (System.nanoTime() - startNanos) / 1000,
            null,
            SOURCE));
  }
}
