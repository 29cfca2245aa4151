package dev.warden.importer;

import dev.warden.model.AttributeType;

/**
 * OpenFGA condition and SpiceDB caveat parameter types (both spell them the same way, after CEL) as
 * Warden condition parameter types. The one place to change when Warden learns a new type: return
 * it here instead of null.
 */
public final class ParameterTypes {
  private ParameterTypes() {}

  /** The Warden type of {@code written} ({@code int}, {@code list<string>}), or null. */
  public static AttributeType toWarden(String written) {
    if (written.startsWith("list<") && written.endsWith(">")) {
      AttributeType element = toWarden(written.substring(5, written.length() - 1));
      return element == null ? null : AttributeType.listOf(element);
    }
    if (written.startsWith("map<") && written.endsWith(">")) {
      AttributeType element = toWarden(written.substring(4, written.length() - 1));
      return element == null ? null : AttributeType.mapOf(element);
    }
    return switch (written) {
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
