package dev.warden.server.http;

import dev.warden.server.auth.Principal;
import dev.warden.server.auth.Scope;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One endpoint: method, path (a {@code {name}} segment matches one path segment), the scope it
 * needs (null: public), whether a tenant-bound key may call it, whether its handler may block (then
 * it runs on a worker thread), and the handler.
 *
 * <p>Tenant-bound keys are refused unless a route says otherwise: only routes whose handler
 * confines the answer to the caller's tenant (checks, lookups, the audit log) admit them. Grants,
 * entities, the policy, the change stream and the audit chain are not tenant-scoped, so a bound key
 * reaching them would see or change every tenant's data.
 *
 * @param boundKeys true when a tenant-bound key may call the route (its handler then confines the
 *     answer to that tenant)
 * @param awaits the revision a call asks to be answered at least at, for routes whose requests can
 *     wait for the index ({@code at_least}); null when they cannot
 */
public record Route(
    String method,
    String path,
    Scope scope,
    boolean boundKeys,
    boolean blocking,
    Handler handler,
    Awaits awaits) {

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }

  /** A route that tenant-bound keys may not call. */
  public Route(String method, String path, Scope scope, boolean blocking, Handler handler) {
    this(method, path, scope, false, blocking, handler, null);
  }

  /** A route that tenant-bound keys may call; its handler confines them to their tenant. */
  public static Route confined(
      String method, String path, Scope scope, boolean blocking, Handler handler) {
    return new Route(method, path, scope, true, blocking, handler, null);
  }

  /** This route, whose calls may wait for the revision {@code awaits} reads from them. */
  public Route awaiting(Awaits awaits) {
    return new Route(
        method, path, scope, boundKeys, blocking, handler, Objects.requireNonNull(awaits));
  }

  /** Answers one call; returns null when it wrote the response itself (streams). */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call) throws Exception;
  }

  /**
   * The revision a call waits for: what its decoded request asks with {@code consistency:
   * {at_least: N}}, or 0. It decodes the body as the handler will ({@link Call#decoded}), so the
   * handler does not decode it again; a body that does not decode is 0 (the handler then answers
   * the error).
   */
  @FunctionalInterface
  public interface Awaits {
    long revision(Call call);
  }

  /**
   * The one authorization test of an authenticated caller, before the handler runs: 403 when the
   * key lacks the route's scope, or is bound to a tenant and the route is not tenant-scoped.
   */
  public void admit(Principal p) {
    if (scope == null) {
      return;
    }
    if (!p.has(scope)) {
      throw new ApiError(
          403, "forbidden", "API key `" + p.keyId() + "` lacks scope `" + scope.wireName() + "`");
    }
    if (p.bound() && !boundKeys) {
      throw new ApiError(
          403,
          "forbidden",
          "API key `"
              + p.keyId()
              + "` is bound to tenant `"
              + p.tenant()
              + "`, and "
              + method
              + " "
              + path
              + " is not tenant-scoped; use a key without a tenant");
    }
  }

  /**
   * The path template as a regular expression over the raw path: each {@code {name}} segment is one
   * non-empty segment, every other segment matches only itself. The router matches with it, and so
   * does {@link #matches}.
   */
  public String regex() {
    StringBuilder b = new StringBuilder();
    String[] segments = path.split("/", -1);
    for (int i = 0; i < segments.length; i++) {
      if (i > 0) {
        b.append('/');
      }
      String s = segments[i];
      b.append(s.startsWith("{") ? "[^/]+" : s.isEmpty() ? "" : Pattern.quote(s));
    }
    return b.toString();
  }

  /** True when the path template matches the concrete path. */
  public boolean matches(String concrete) {
    return Pattern.matches(regex(), concrete);
  }

  /** The value of a {@code {name}} segment in the concrete path. */
  public String param(String concrete, String name) {
    String[] want = path.split("/", -1);
    String[] have = concrete.split("/", -1);
    for (int i = 0; i < want.length; i++) {
      if (want[i].equals("{" + name + "}")) {
        return PercentDecoding.pathSegment(have[i]);
      }
    }
    throw new IllegalArgumentException("route " + path + " has no parameter " + name);
  }
}
