package dev.warden.server;

import dev.warden.server.auth.Scope;
import dev.warden.server.http.Route;
import java.util.List;

/**
 * {@code GET /v1/watch}: the change stream ({@link WatchStreams}). Admin only, and refused to
 * tenant-bound keys: the stream carries every tenant's changes.
 */
final class WatchApi implements Api {

  private final WatchStreams streams;

  WatchApi(WatchStreams streams) {
    this.streams = streams;
  }

  @Override
  public List<Route> routes() {
    return List.of(new Route("GET", "/v1/watch", Scope.ADMIN, false, streams::open));
  }
}
