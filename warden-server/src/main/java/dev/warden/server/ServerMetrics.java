package dev.warden.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The server's Prometheus metrics: request latency by route and status, decisions by outcome, the
 * applied revision, plus JVM metrics. Meters are cached per route and status so recording costs a
 * map lookup, not a registry search.
 */
public final class ServerMetrics implements AutoCloseable {

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final ConcurrentHashMap<String, Timer> timers = new ConcurrentHashMap<>();
  private final Counter allowed;
  private final Counter denied;
  private final Counter auditBusy;
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private volatile MetricLabels labels = MetricLabels.of(java.util.List.of());
  // Micrometer holds a function meter's state object weakly, so the meters read through this
  // object (which the server holds) rather than a lambda that the first collection would clear
  private volatile java.util.function.Supplier<dev.warden.audit.AuditStats> auditStats;
  private volatile ConnectionLimiter connections;

  public ServerMetrics(LongSupplier revision) {
    allowed = Counter.builder("warden_decisions").tag("allowed", "true").register(registry);
    denied = Counter.builder("warden_decisions").tag("allowed", "false").register(registry);
    auditBusy =
        Counter.builder("warden_audit_busy")
            .description("decisions refused with 503 audit_busy: the audit queue had no room")
            .register(registry);
    Gauge.builder("warden_revision", revision::getAsLong)
        .description("the data revision the index has applied")
        .register(registry);
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    gc.bindTo(registry);
  }

  /** Exposes the connection bound: connections open now, and those refused since start. */
  void bindConnections(ConnectionLimiter limiter) {
    this.connections = limiter;
    Gauge.builder("warden_http_connections_open", this, m -> m.connections.open())
        .description("HTTP connections open now")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "warden_http_connections_refused", this, m -> m.connections.refused())
        .description("connections closed on arrival because max_connections were open")
        .register(registry);
  }

  /** Exposes an audit log's counters: appended, dropped, queue depth. */
  public void bindAudit(java.util.function.Supplier<dev.warden.audit.AuditStats> stats) {
    this.auditStats = stats;
    io.micrometer.core.instrument.FunctionCounter.builder(
            "warden_audit_appended", this, m -> m.auditStats.get().appended())
        .description("decisions committed to the audit log")
        .register(registry);
    io.micrometer.core.instrument.FunctionCounter.builder(
            "warden_audit_dropped", this, m -> m.auditStats.get().dropped())
        .description("decisions the audit log lost (queue full past the timeout, or closed)")
        .register(registry);
    Gauge.builder("warden_audit_queue_depth", this, m -> m.auditStats.get().queueDepth())
        .description("decisions waiting to be written to the audit log")
        .register(registry);
  }

  /**
   * The route templates the server serves: any other route label is recorded as {@code unmatched}.
   * Until called, every route is.
   */
  public void routes(java.util.Collection<String> templates) {
    labels = MetricLabels.of(templates);
  }

  /** Records one answered request, with each label bounded by {@link MetricLabels}. */
  public void request(String method, String route, int status, long nanos) {
    MetricLabels l = labels;
    String m = l.method(method);
    String r = l.route(route);
    String st = MetricLabels.status(status);
    Timer t =
        timers.computeIfAbsent(
            m + ' ' + r + ' ' + st,
            k ->
                Timer.builder("warden_http_requests")
                    .tag("method", m)
                    .tag("route", r)
                    .tag("status", st)
                    .register(registry));
    t.record(nanos, TimeUnit.NANOSECONDS);
  }

  /** Counts decisions. */
  public void decision(boolean isAllowed) {
    (isAllowed ? allowed : denied).increment();
  }

  /** Counts a decision refused because the audit log could not take it at once. */
  public void auditBusy() {
    auditBusy.increment();
  }

  /** The Prometheus text exposition. */
  public String scrape() {
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
