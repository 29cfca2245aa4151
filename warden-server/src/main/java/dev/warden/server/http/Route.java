package dev.warden.server.http;

import dev.warden.server.auth.Scope;
import java.util.Objects;

/**
 * One endpoint: method, path (a {@code {name}} segment matches one path segment), the scope it
 * needs (null: public), whether its handler may block (then it runs on a worker thread), and the
 * handler.
 */
public record Route(String method, String path, Scope scope, boolean blocking, Handler handler) {

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(handler, "handler");
  }

  /** Answers one call; returns null when it wrote the response itself (streams). */
  @FunctionalInterface
  public interface Handler {
    Reply handle(Call call) throws Exception;
  }

  /** True when the path template matches the concrete path. */
  public boolean matches(String concrete) {
    if (path.indexOf('{') < 0) {
      return path.equals(concrete);
    }
    String[] want = path.split("/", -1);
    String[] have = concrete.split("/", -1);
    if (want.length != have.length) {
      return false;
    }
    for (int i = 0; i < want.length; i++) {
      boolean param = want[i].startsWith("{");
      if (param ? have[i].isEmpty() : !want[i].equals(have[i])) {
        return false;
      }
    }
    return true;
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
