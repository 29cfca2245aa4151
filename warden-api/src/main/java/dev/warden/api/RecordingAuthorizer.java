package dev.warden.api;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An {@link Authorizer} that gives each decision it answers (checks, bulk checks, explanations) a
 * decision id and hands it to a {@link Recorder}: the one place engine decisions get their ids and
 * their audit records. The embedded facade records its checks through it, and every HTTP API of the
 * server records through it with the caller's key. Lookups are passed through unrecorded.
 */
public final class RecordingAuthorizer implements Authorizer {

  /** Takes one decision, which already carries its id. */
  @FunctionalInterface
  public interface Recorder {

    /**
     * Records the decision; may refuse by throwing, and then the decision is not answered.
     *
     * @param startNanos {@link System#nanoTime()} when deciding began
     */
    void record(CheckRequest request, Decision decision, long startNanos);
  }

  private final Authorizer delegate;
  private final Recorder recorder;

  public RecordingAuthorizer(Authorizer delegate, Recorder recorder) {
    this.delegate = Objects.requireNonNull(delegate, "delegate");
    this.recorder = Objects.requireNonNull(recorder, "recorder");
  }

  /**
   * The authorizer recording to {@code log} with {@code source}, or {@code delegate} itself when
   * the log is {@link DecisionLog#NONE} (its answers then carry no decision id).
   */
  public static Authorizer logging(Authorizer delegate, DecisionLog log, String source) {
    if (log == DecisionLog.NONE) {
      return delegate;
    }
    return new RecordingAuthorizer(
        delegate,
        (r, d, start) -> log.record(DecisionEvent.ofCheck(r, d, start, null, null, source)));
  }

  @Override
  public Decision check(CheckRequest request) {
    long start = System.nanoTime();
    return recorded(request, delegate.check(request), start);
  }

  @Override
  public List<Decision> checkBulk(List<CheckRequest> requests) {
    long start = System.nanoTime();
    List<Decision> decisions = delegate.checkBulk(requests);
    List<Decision> out = new ArrayList<>(decisions.size());
    for (int i = 0; i < decisions.size(); i++) {
      out.add(recorded(requests.get(i), decisions.get(i), start));
    }
    return out;
  }

  @Override
  public Explanation explain(CheckRequest request) {
    long start = System.nanoTime();
    Explanation e = delegate.explain(request);
    return new Explanation(recorded(request, e.decision(), start), e.root());
  }

  @Override
  public LookupResourcesResult lookupResources(LookupResourcesRequest request) {
    return delegate.lookupResources(request);
  }

  @Override
  public LookupSubjectsResult lookupSubjects(LookupSubjectsRequest request) {
    return delegate.lookupSubjects(request);
  }

  private Decision recorded(CheckRequest request, Decision decision, long startNanos) {
    Decision withId = decision.withDecisionId(DecisionIds.next());
    recorder.record(request, withId, startNanos);
    return withId;
  }
}
