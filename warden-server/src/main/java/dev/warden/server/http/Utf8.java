package dev.warden.server.http;

/**
 * Strict UTF-8 (RFC 3629) for request bodies. Jackson's byte parser decodes overlong forms ({@code
 * C0 80} as NUL, {@code C1 A1} as {@code a}) and encoded surrogates without complaint, so two
 * different byte strings could name the same id or value; RFC 8259 makes JSON text UTF-8. A NUL
 * byte is refused too: JSON text never holds one (a NUL in a string is written {@code \u0000}), and
 * refusing it stops Jackson from reading the body as UTF-16 or UTF-32.
 */
final class Utf8 {

  private Utf8() {}

  /** Why the bytes are not UTF-8 JSON text, or null when they are. */
  static String problem(byte[] b) {
    int i = 0;
    while (i < b.length) {
      int c = b[i] & 0xff;
      if (c < 0x80) {
        if (c == 0) {
          return "a NUL byte at offset " + i;
        }
        i++;
        continue;
      }
      int need;
      int min;
      if (c >= 0xc2 && c <= 0xdf) {
        need = 1;
        min = 0x80;
      } else if (c >= 0xe0 && c <= 0xef) {
        need = 2;
        min = 0x800;
      } else if (c >= 0xf0 && c <= 0xf4) {
        need = 3;
        min = 0x10000;
      } else {
        return String.format("byte 0x%02x at offset %d cannot start a UTF-8 sequence", c, i);
      }
      if (i + need >= b.length) {
        return "a UTF-8 sequence cut short at offset " + i;
      }
      int cp = c & (0x3f >> need);
      for (int k = 1; k <= need; k++) {
        int cont = b[i + k] & 0xff;
        if ((cont & 0xc0) != 0x80) {
          return "a UTF-8 sequence cut short at offset " + i;
        }
        cp = cp << 6 | (cont & 0x3f);
      }
      if (cp < min) {
        return "an overlong UTF-8 sequence at offset " + i;
      }
      if (cp >= 0xd800 && cp <= 0xdfff) {
        return "an encoded UTF-16 surrogate at offset " + i;
      }
      if (cp > 0x10ffff) {
        return "a code point above U+10FFFF at offset " + i;
      }
      i += need + 1;
    }
    return null;
  }
}
