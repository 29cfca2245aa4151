package dev.warden.server;

import java.util.Collection;
import java.util.Set;

/**
 * The values the HTTP request metric's labels may take, so that no client can grow the registry:
 * the standard methods (RFC 9110 and PATCH) or {@code other}, the route templates of the route
 * table or {@code unmatched}, and the statuses 100 to 599 or {@code other}. At most 10 × (routes +
 * 1) × 501 series, in practice a few dozen.
 */
record MetricLabels(Set<String> routes) {

  static final String OTHER = "other";
  static final String UNMATCHED = "unmatched";

  private static final Set<String> METHODS =
      Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH");

  MetricLabels {
    routes = Set.copyOf(routes);
  }

  static MetricLabels of(Collection<String> routeTemplates) {
    return new MetricLabels(Set.copyOf(routeTemplates));
  }

  String method(String method) {
    return METHODS.contains(method) ? method : OTHER;
  }

  String route(String template) {
    return routes.contains(template) ? template : UNMATCHED;
  }

  static String status(int status) {
    return status >= 100 && status <= 599 ? Integer.toString(status) : OTHER;
  }
}
