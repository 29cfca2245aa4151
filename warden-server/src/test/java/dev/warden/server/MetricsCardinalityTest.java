package dev.warden.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every label of {@code warden_http_requests_seconds} takes a bounded set of values, whatever the
 * clients send: thousands of distinct custom methods on known and unknown paths add no series.
 */
class MetricsCardinalityTest {

  private static long series(String scrape) {
    return scrape.lines().filter(l -> l.startsWith("warden_http_requests_seconds_count{")).count();
  }

  @Test
  void distinctMethodNamesAndPathsDoNotGrowTheMetrics() {
    try (TestServer s = new TestServer();
        RawHttp c = new RawHttp(s.server.port())) {
      for (int i = 0; i < 3000; i++) {
        String target = i % 2 == 0 ? "/v1/check" : "/nope/" + i;
        c.send(RawHttp.head("FOO" + i, target, null, 0, Map.of()));
        RawHttp.Response r = c.read();
        assertThat(r.status()).isIn(404, 405);
      }
      String scrape = s.get("/metrics", null).text();
      assertThat(series(scrape)).as(scrape).isLessThan(10);
      assertThat(scrape)
          .contains(
              "warden_http_requests_seconds_count{method=\"other\",route=\"/v1/check\",status=\"405\"} 1500")
          .contains(
              "warden_http_requests_seconds_count{method=\"other\",route=\"unmatched\",status=\"404\"} 1500")
          .doesNotContain("FOO");
    }
  }

  @Test
  void everyLabelIsBoundedByConstruction() {
    try (ServerMetrics m = new ServerMetrics(() -> 0L)) {
      m.routes(java.util.List.of("/v1/check"));
      for (int i = 0; i < 2000; i++) {
        m.request("M" + i, "/route/" + i, i, 1000);
        m.request("GET", "/v1/check", 200, 1000);
      }
      String scrape = m.scrape();
      // methods: GET and other; routes: /v1/check and unmatched; statuses: 100..599 and other
      assertThat(series(scrape)).isLessThanOrEqualTo(2 + 501);
      assertThat(scrape).doesNotContain("/route/").doesNotContain("\"M1\"");
    }
  }
}
