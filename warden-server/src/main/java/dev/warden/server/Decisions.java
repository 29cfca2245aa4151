package dev.warden.server;

import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionIds;
import dev.warden.server.auth.Principal;
import dev.warden.server.http.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decision recording for every API that answers decisions: the decision id, the {@link
 * DecisionEvent} with the caller's key id and the active policy version, the metrics, fail-closed
 * refusal when the audit log is busy, and, with durable audit, the answer held until its records
 * are committed.
 */
final class Decisions {

  private final DecisionRecorder recorder;
  private final PolicyVersions versions;
  private final ServerMetrics metrics;

  Decisions(DecisionRecorder recorder, PolicyVersions versions, ServerMetrics metrics) {
    this.recorder = recorder;
    this.versions = versions;
    this.metrics = metrics;
  }

  /**
   * Records a decision made for an HTTP caller, with the caller's key id. Never waits: this runs on
   * an event loop. A decision the audit log cannot take now is not answered (fail closed): 503
   * {@code audit_busy}, which the server sends with {@code Retry-After}. In durable mode the
   * record's commit is added to {@code commits}, which the answer is then held for.
   */
  Decision decided(
      CheckRequest r,
      Decision d,
      long startNanos,
      Principal p,
      List<CompletableFuture<Void>> commits) {
    if (!recorder.records()) {
      metrics.decision(d.allowed());
      return d;
    }
    Decision withId = d.withDecisionId(DecisionIds.next());
    String version = versions.current().map(v -> Integer.toString(v.version())).orElse(null);
    CompletableFuture<Void> commit =
        recorder.record(DecisionEvent.ofCheck(r, withId, startNanos, version, p.keyId(), "http"));
    if (commit != null) {
      commits.add(commit);
    }
    metrics.decision(d.allowed());
    return withId;
  }

  /** The reply, held until every record in {@code commits} is committed (durable audit). */
  static Reply held(Reply reply, List<CompletableFuture<Void>> commits) {
    return switch (commits.size()) {
      case 0 -> reply;
      case 1 -> reply.after(commits.get(0));
      default -> reply.after(CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)));
    };
  }
}
