package dev.warden.importer.spicedb;

import dev.warden.model.AttributeType;

/**
 * SpiceDB caveat parameter types as Warden condition parameter types. The one place to change when
 * Warden learns a new type: return it here instead of null.
 */
final class CaveatTypes {
  private CaveatTypes() {}

  /** The Warden type of {@code spicedb} ({@code int}, {@code list<string>}), or null. */
  static AttributeType toWarden(String spicedb) {
    if (spicedb.startsWith("list<") && spicedb.endsWith(">")) {
      AttributeType element = toWarden(spicedb.substring(5, spicedb.length() - 1));
      return element == null ? null : AttributeType.listOf(element);
    }
    if (spicedb.startsWith("map<") && spicedb.endsWith(">")) {
      AttributeType element = toWarden(spicedb.substring(4, spicedb.length() - 1));
      return element == null ? null : AttributeType.mapOf(element);
    }
    return switch (spicedb) {
      case "int" -> AttributeType.INT;
      case "bool" -> AttributeType.BOOL;
      case "string" -> AttributeType.STRING;
      case "double" -> AttributeType.DOUBLE;
      case "duration" -> AttributeType.DURATION;
      case "timestamp" -> AttributeType.TIMESTAMP;
      case "uint" -> AttributeType.UINT;
      case "ipaddress" -> AttributeType.IPADDRESS;
      // Not in Warden: bytes, and any (a parameter whose type CEL cannot check).
      default -> null;
    };
  }
}
