package dev.warden.server;

import dev.warden.condition.ExpressionScope;
import dev.warden.server.auth.Principal;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.ApiError;
import java.util.Locale;
import java.util.Map;

/**
 * Which clock judges a request's time conditions ({@code context.now}, as in {@code condition
 * before(deadline) { context.now < deadline }}). The server's clock, unless the request sends
 * {@code context.now} with a key holding scope {@code clock} (for replays and tests). A request
 * that sends it without the scope is refused rather than silently re-timed, so the caller learns
 * that its time was not used.
 */
enum DecisionClock {
  /** The server's clock (the engine's {@code EngineOptions.clock}). */
  SERVER,
  /** The {@code context.now} the request sent. */
  REQUEST;

  /**
   * The clock of a request with this context.
   *
   * @param path the JSON path of the object holding {@code context}, such as {@code checks[2].}
   * @throws ApiError 403 when the context holds {@code now} and the key lacks scope {@code clock}
   */
  static DecisionClock of(Principal caller, Map<String, Object> context, String path) {
    if (!context.containsKey(ExpressionScope.NOW)) {
      return SERVER;
    }
    if (!caller.has(Scope.CLOCK)) {
      throw new ApiError(
          403,
          "forbidden",
          "`"
              + path
              + "context.now` sets the time conditions are judged by; API key `"
              + caller.keyId()
              + "` lacks scope `"
              + Scope.CLOCK.wireName()
              + "` (admin does not imply it). Omit it to be judged by the server's clock");
    }
    return REQUEST;
  }

  /** {@code server} or {@code request}, as the explain answer says it. */
  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
