package dev.warden.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.server.http.Call;
import dev.warden.server.http.ErrorMapper;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * What anyone may call, without a key: liveness ({@code /healthz}), readiness ({@code /readyz}, 503
 * while the server drains), the Prometheus scrape ({@code /metrics}) and the API description
 * ({@code /v1/openapi.json}).
 */
final class PublicApi implements Api {

  private final ApiContext api;
  private final ServerMetrics metrics;
  private final BooleanSupplier draining;
  private final byte[] openApi = resource("openapi.json");

  PublicApi(ApiContext api, ServerMetrics metrics, BooleanSupplier draining) {
    this.api = api;
    this.metrics = metrics;
    this.draining = draining;
  }

  private Reply health(Call call) {
    ObjectNode n = api.json().createObjectNode();
    n.put("status", "ok");
    return Reply.ok(api.json(), n);
  }

  private Reply ready(Call call) {
    if (draining.getAsBoolean()) {
      return ErrorMapper.reply(
          api.json(), 503, "not_ready", "the server is shutting down", List.of());
    }
    ObjectNode n = api.json().createObjectNode();
    n.put("status", "ready");
    n.put("revision", api.warden().revision());
    return Reply.ok(api.json(), n);
  }

  private Reply scrape(Call call) {
    return Reply.text(200, "text/plain; version=0.0.4; charset=utf-8", metrics.scrape());
  }

  private Reply openApiDoc(Call call) {
    return new Reply(200, "application/json", openApi);
  }

  private static byte[] resource(String name) {
    try (InputStream in = PublicApi.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public List<Route> routes() {
    return List.of(
        new Route("GET", "/healthz", null, false, this::health),
        new Route("GET", "/readyz", null, false, this::ready),
        new Route("GET", "/metrics", null, false, this::scrape),
        new Route("GET", "/v1/openapi.json", null, false, this::openApiDoc));
  }
}
