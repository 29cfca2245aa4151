package dev.warden.server;

import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.Principal;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Route;
import io.vertx.core.http.HttpServerRequest;

/**
 * Who is calling and whether they may: the API key of the {@code Authorization} header (401 when
 * missing or unknown) and the route's scope and tenant binding ({@link Route#admit}, 403). Every
 * route of every API goes through here before its handler runs, and nowhere else.
 */
final class Gate {

  private final ApiKeys keys;
  private final boolean insecureDev;

  /**
   * @param keys the accepted keys; unused when {@code insecureDev}
   * @param insecureDev every caller is {@link Principal#INSECURE} (development only)
   */
  Gate(ApiKeys keys, boolean insecureDev) {
    this.keys = keys;
    this.insecureDev = insecureDev;
  }

  /** The caller of a request to {@code r}; throws the 401 or 403 to answer instead. */
  Principal admit(HttpServerRequest req, Route r) {
    if (r.scope() == null || insecureDev) {
      return Principal.INSECURE;
    }
    String header = req.getHeader("Authorization");
    if (header == null || header.length() < 8 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new ApiError(401, "unauthenticated", "send an API key: `Authorization: Bearer <key>`");
    }
    Principal p = keys.verify(header.substring(7).trim());
    if (p == null) {
      throw new ApiError(401, "unauthenticated", "unknown or wrong API key");
    }
    r.admit(p); // scope and tenant binding: the one authorization test before any handler
    return p;
  }
}
