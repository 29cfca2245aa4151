package dev.warden.server.http;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Strict percent-decoding (RFC 3986) of one path segment or one query-string component. A {@code %}
 * not followed by two hex digits, or bytes that are not well-formed UTF-8 (overlong forms and
 * encoded surrogates included), are a 400: a lenient decoder would turn them into replacement
 * characters, so two different ids could name the same entity. Only a query string reads {@code +}
 * as a space (HTML form encoding); in a path segment it is a literal plus.
 */
public final class PercentDecoding {

  private PercentDecoding() {}

  /** Decodes a path segment; 400 {@code malformed_path} when it is not well-formed. */
  public static String pathSegment(String raw) {
    return decode(raw, false, "malformed_path", "path");
  }

  /** Decodes a query-string key or value; 400 {@code malformed_query} when not well-formed. */
  public static String queryComponent(String raw) {
    return decode(raw, true, "malformed_query", "query string");
  }

  /** Checks every key and value of a raw query string (null: none). */
  public static void checkQuery(String rawQuery) {
    if (rawQuery == null || rawQuery.isEmpty()) {
      return;
    }
    for (String pair : rawQuery.split("&", -1)) {
      int eq = pair.indexOf('=');
      queryComponent(eq < 0 ? pair : pair.substring(0, eq));
      if (eq >= 0) {
        queryComponent(pair.substring(eq + 1));
      }
    }
  }

  /** Checks every segment of a raw path. */
  public static void checkPath(String rawPath) {
    for (String segment : rawPath.split("/", -1)) {
      pathSegment(segment);
    }
  }

  private static boolean plain(String raw, boolean plusIsSpace) {
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%' || c >= 0x80 || (c == '+' && plusIsSpace)) {
        return false;
      }
    }
    return true;
  }

  private static String decode(String raw, boolean plusIsSpace, String code, String where) {
    if (plain(raw, plusIsSpace)) {
      return raw;
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = hi >= 0 ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (lo < 0) {
          throw new ApiError(
              400,
              code,
              "the " + where + " has a `%` not followed by two hex digits (percent-encoding)");
        }
        bytes.write(hi << 4 | lo);
        i += 2;
      } else if (c == '+' && plusIsSpace) {
        bytes.write(' ');
      } else if (c < 0x80) {
        bytes.write(c);
      } else {
        // the HTTP codec hands over raw octets as ISO-8859-1 characters; keep them as bytes
        bytes.write(c & 0xff);
      }
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes.toByteArray()))
          .toString();
    } catch (CharacterCodingException e) {
      throw new ApiError(
          400, code, "the " + where + " decodes (percent-encoding) to bytes that are not UTF-8");
    }
  }
}
