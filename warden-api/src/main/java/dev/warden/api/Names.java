package dev.warden.api;

import java.util.regex.Pattern;

/** The syntax of type names, relation names and object ids, checked in one place. */
public final class Names {

  /** The id that, in a subject, means every object of the type. */
  public static final String WILDCARD = "*";

  /**
   * Longest accepted object id, in bytes of UTF-8: 1,024 ASCII characters (an e-mail address, a
   * path, a URL), fewer when the id is not ASCII. Bytes rather than characters because both ids of
   * a grant sit in one PostgreSQL index entry, which may not exceed 2,704 bytes.
   */
  public static final int MAX_ID_BYTES = 1024;

  private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,63}");

  private Names() {}

  /** True for a valid type or relation name: a letter or underscore, then up to 63 more. */
  public static boolean isName(String s) {
    if (s == null || s.isEmpty() || s.length() > 64) {
      return false;
    }
    // Hand-rolled rather than NAME.matcher(s): this runs for every decoded grant.
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
      if (!letter && (i == 0 || c < '0' || c > '9')) {
        return false;
      }
    }
    return true;
  }

  /** The same rule as {@link #isName}, as a regular expression, for documentation and schemas. */
  public static Pattern namePattern() {
    return NAME;
  }

  /**
   * Why {@code id} is not a valid object id, or null when it is. An id is well-formed Unicode of 1
   * to {@value #MAX_ID_BYTES} bytes in UTF-8 with no control character (Unicode category Cc, which
   * includes tab and newline) and no line or paragraph separator; any other character is allowed,
   * {@code @}, {@code #}, {@code :}, {@code /}, {@code %}, spaces and quotes included. {@code *}
   * alone is the wildcard and only valid as a subject. The grant text form quotes ids that contain
   * its own punctuation (see {@link GrantSyntax#formatId}); docs/data-format.md, section "Ids", is
   * the user-facing statement of these rules.
   *
   * <p>Well-formed: a lone UTF-16 surrogate has no UTF-8 encoding, so a store would keep a
   * replacement character instead and two distinct ids would become one.
   */
  public static String idProblem(String id) {
    if (id == null || id.isEmpty()) {
      return "is empty";
    }
    String unicode = unicodeProblem(id);
    if (unicode != null) {
      return unicode;
    }
    long bytes = 0;
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      int type = Character.getType(c);
      if (type == Character.CONTROL
          || type == Character.LINE_SEPARATOR
          || type == Character.PARAGRAPH_SEPARATOR) {
        return String.format("contains the control character U+%04X at index %d", (int) c, i);
      }
      // A surrogate pair is 4 bytes in UTF-8: 2 for each half.
      bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;
    }
    if (bytes > MAX_ID_BYTES) {
      return "is " + bytes + " bytes in UTF-8, more than the " + MAX_ID_BYTES + " allowed";
    }
    return null;
  }

  /**
   * Why the text is not well-formed Unicode (a lone UTF-16 surrogate, which no store can keep), or
   * null when it is.
   */
  public static String unicodeProblem(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isSurrogate(c)) {
        if (Character.isHighSurrogate(c)
            && i + 1 < text.length()
            && Character.isLowSurrogate(text.charAt(i + 1))) {
          i++;
        } else {
          return String.format(
              "is not well-formed Unicode: a lone UTF-16 surrogate U+%04X at index %d", (int) c, i);
        }
      }
    }
    return null;
  }

  /**
   * The text with every lone surrogate written as {@code \\uXXXX}, so that a message quoting an
   * ill-formed id can itself be encoded (as JSON, UTF-8 logs).
   */
  public static String printable(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder out = null;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean pair =
          Character.isHighSurrogate(c)
              && i + 1 < s.length()
              && Character.isLowSurrogate(s.charAt(i + 1));
      if (Character.isSurrogate(c) && !pair) {
        if (out == null) {
          out = new StringBuilder(s.substring(0, i));
        }
        out.append(String.format("\\u%04X", (int) c));
      } else {
        if (out != null) {
          out.append(c);
          if (pair) {
            out.append(s.charAt(i + 1));
          }
        }
        if (pair) {
          i++;
        }
      }
    }
    return out == null ? s : out.toString();
  }

  /** At most 64 characters of {@code s}, so that a message quoting a huge id stays readable. */
  private static String shortened(String s) {
    if (s.length() <= 64) {
      return s;
    }
    int end = Character.isHighSurrogate(s.charAt(47)) ? 47 : 48;
    return s.substring(0, end) + "…(" + s.length() + " characters)";
  }

  /** Throws a precise {@link WardenException} unless {@code s} is a valid name. */
  public static String requireName(String s, String what) {
    if (!isName(s)) {
      throw WardenException.invalid(
          what
              + " `"
              + printable(s)
              + "` is not a valid name (a letter or `_`, then letters, digits or `_`)");
    }
    return s;
  }

  /** Throws a precise {@link WardenException} unless {@code id} is a valid object id. */
  public static String requireId(String id, String what) {
    String problem = idProblem(id);
    if (problem != null) {
      throw WardenException.invalid(what + " id `" + shortened(printable(id)) + "` " + problem);
    }
    return id;
  }
}
