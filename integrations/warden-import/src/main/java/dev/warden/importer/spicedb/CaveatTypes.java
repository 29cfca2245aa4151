package dev.warden.importer.spicedb;

import dev.warden.importer.ParameterTypes;
import dev.warden.model.AttributeType;

/**
 * SpiceDB caveat parameter types as Warden condition parameter types: see {@link ParameterTypes}.
 */
final class CaveatTypes {
  private CaveatTypes() {}

  /** The Warden type of {@code spicedb} ({@code int}, {@code list<string>}), or null. */
  static AttributeType toWarden(String spicedb) {
    return ParameterTypes.toWarden(spicedb);
  }
}
