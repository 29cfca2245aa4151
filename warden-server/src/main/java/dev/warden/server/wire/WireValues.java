package dev.warden.server.wire;

import com.fasterxml.jackson.databind.JsonNode;

/** JSON values as plain Java values for attribute maps. */
public final class WireValues {

  private WireValues() {}

  /** String, Long, Double, Boolean, List or Map; 422 for a null anywhere inside. */
  public static Object plain(JsonNode v, String path) {
    return Fields.value(v, path);
  }
}
