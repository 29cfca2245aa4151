package dev.warden.importer;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * The name mapping shared by the importers. An OpenFGA type or SpiceDB definition {@code document}
 * becomes the Warden type {@code Document}: the first letter is upper-cased, and lower-casing it
 * gives the source name back, which is why only names that start with a lowercase letter are
 * accepted. Relation names are kept as they are.
 */
public final class TypeNames {
  private static final Pattern TYPE = Pattern.compile("[a-z][A-Za-z0-9_]{0,63}");
  private static final Pattern RELATION = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");
  private static final Set<String> KEYWORDS =
      Set.of(
          "actor",
          "resource",
          "condition",
          "permissions",
          "roles",
          "relations",
          "attributes",
          "if",
          "and",
          "or",
          "not",
          "on",
          "this");

  private TypeNames() {}

  public static boolean importableType(String fga) {
    return TYPE.matcher(fga).matches();
  }

  public static boolean importableRelation(String fga) {
    return RELATION.matcher(fga).matches() && !KEYWORDS.contains(fga);
  }

  /** {@code document} to {@code Document}. */
  public static String toWarden(String fga) {
    return Character.toUpperCase(fga.charAt(0)) + fga.substring(1);
  }

  /** {@code Document} to {@code document}: the inverse of {@link #toWarden}. */
  public static String fromWarden(String warden) {
    return Character.toLowerCase(warden.charAt(0)) + warden.substring(1);
  }
}
