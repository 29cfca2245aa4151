package dev.warden.server;

import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionLog;
import dev.warden.audit.AuditLog;
import dev.warden.server.http.ApiError;
import java.util.concurrent.CompletableFuture;

/**
 * How the endpoints hand a decision to the audit trail. Never waits: it runs on event loops. A
 * decision is either accepted now or refused with 503 {@code audit_busy} (fail closed: it is not
 * answered). In durable mode it also returns the commit to hold the answer for.
 */
final class DecisionRecorder {

  private final DecisionLog log;
  private final AuditLog durable;
  private final ServerMetrics metrics;

  /**
   * @param log where decisions go; {@link DecisionLog#NONE} records nothing
   * @param durable the audit log whose commits answers wait for, or null (answers are sent once the
   *     record is accepted)
   */
  DecisionRecorder(DecisionLog log, AuditLog durable, ServerMetrics metrics) {
    this.log = durable != null ? durable : log;
    this.durable = durable;
    this.metrics = metrics;
  }

  /** False when nothing is recorded (answers then carry no decision id). */
  boolean records() {
    return log != DecisionLog.NONE;
  }

  /**
   * Hands the decision over without waiting.
   *
   * @return in durable mode, the commit of its record, which the answer must wait for; else null
   * @throws ApiError 503 {@code audit_busy} when the log cannot take it now
   */
  CompletableFuture<Void> record(DecisionEvent event) {
    if (durable != null) {
      return durable.tryRecordCommitted(event).orElseThrow(this::busy);
    }
    if (!log.tryRecord(event)) {
      throw busy();
    }
    return null;
  }

  private ApiError busy() {
    metrics.auditBusy();
    return new ApiError(
        503,
        "audit_busy",
        "the audit log cannot take the decision now, so it is not answered; retry");
  }
}
