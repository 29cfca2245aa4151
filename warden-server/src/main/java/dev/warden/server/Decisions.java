package dev.warden.server;

import dev.warden.api.Authorizer;
import dev.warden.api.Decision;
import dev.warden.api.DecisionEvent;
import dev.warden.api.RecordingAuthorizer;
import dev.warden.server.auth.Principal;
import dev.warden.server.http.Reply;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Decision recording for every API that answers decisions: an {@link Authorizer} per call that
 * gives each decision its id ({@link RecordingAuthorizer}) and records its {@link DecisionEvent}
 * with the caller's key id and the active policy version, fail-closed refusal when the audit log is
 * busy, and, with durable audit, the answer held until its records are committed; and the decision
 * metrics.
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
   * The engine as one HTTP caller's decisions are made: each is recorded with the caller's key id.
   * Recording never waits (this runs on an event loop). A decision the audit log cannot take now is
   * not answered (fail closed): 503 {@code audit_busy}, which the server sends with {@code
   * Retry-After}. In durable mode each record's commit is added to {@code commits}, which the
   * answer is then held for.
   */
  Authorizer authorizer(Authorizer engine, Principal p, List<CompletableFuture<Void>> commits) {
    if (!recorder.records()) {
      return engine; // answers then carry no decision id
    }
    return new RecordingAuthorizer(
        engine,
        (r, d, start) -> {
          String version = versions.current().map(v -> Integer.toString(v.version())).orElse(null);
          CompletableFuture<Void> commit =
              recorder.record(DecisionEvent.ofCheck(r, d, start, version, p.keyId(), "http"));
          if (commit != null) {
            commits.add(commit);
          }
        });
  }

  /** Counts answered decisions, recorded or not. */
  void counted(Decision d) {
    metrics.decision(d.allowed());
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
