package dev.warden.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.warden.wire.WireJson;

/**
 * The server's JSON settings: the wire's one configuration ({@link WireJson}), strict parsing and
 * request bodies nested at most {@link WireJson#MAX_NESTING} deep (deeper is a 400).
 */
final class Json {

  private Json() {}

  static ObjectMapper mapper() {
    return WireJson.mapper();
  }
}
