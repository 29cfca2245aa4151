package dev.warden.api;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON text for the condition context of a grant's text form, so that this module needs no JSON
 * library. Values come back in {@link JsonValues} normal form (integers as {@code long}, other
 * numbers as {@code double}). It reads strict JSON (RFC 8259) and nothing after the value, and
 * stops at {@value #MAX_DEPTH} levels of nesting so that hostile text cannot exhaust the stack.
 */
final class JsonText {

  static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private JsonText(String text) {
    this.text = text;
  }

  /**
   * The JSON object in {@code text}, or an {@link IllegalArgumentException} saying what is wrong.
   */
  static Map<String, Object> parseObject(String text) {
    JsonText p = new JsonText(text);
    p.skipSpace();
    if (!p.at('{')) {
      throw p.error("expected `{`");
    }
    Object value = p.value(0);
    p.skipSpace();
    if (p.pos < text.length()) {
      throw p.error("unexpected text after the object");
    }
    @SuppressWarnings("unchecked") // value() returns a Map<String, Object> when it starts at '{'
    Map<String, Object> object = (Map<String, Object>) value;
    return object;
  }

  /** The JSON text of a value in normal form (maps, lists, strings, numbers, booleans, null). */
  static String write(Object value) {
    StringBuilder out = new StringBuilder();
    write(value, out);
    return out.toString();
  }

  private static void write(Object value, StringBuilder out) {
    if (value instanceof Map<?, ?> map) {
      out.append('{');
      String sep = "";
      for (Map.Entry<?, ?> e : map.entrySet()) {
        out.append(sep);
        quote(String.valueOf(e.getKey()), out);
        out.append(':');
        write(e.getValue(), out);
        sep = ",";
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      String sep = "";
      for (Object o : list) {
        out.append(sep);
        write(o, out);
        sep = ",";
      }
      out.append(']');
    } else if (value instanceof Number || value instanceof Boolean || value == null) {
      out.append(value);
    } else {
      quote(value.toString(), out);
    }
  }

  private static void quote(String s, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private Object value(int depth) {
    skipSpace();
    if (pos >= text.length()) {
      throw error("unexpected end of text");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object(depth + 1);
      case '[' -> array(depth + 1);
      case '"' -> string();
      case 't' -> literal("true", true);
      case 'f' -> literal("false", false);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || (c >= '0' && c <= '9')) {
          yield number();
        }
        throw error("unexpected character `" + c + "`");
      }
    };
  }

  private Map<String, Object> object(int depth) {
    checkDepth(depth);
    pos++;
    Map<String, Object> out = new LinkedHashMap<>();
    skipSpace();
    if (at('}')) {
      pos++;
      return JsonValues.normalizeMap(out);
    }
    while (true) {
      skipSpace();
      if (!at('"')) {
        throw error("expected a quoted key");
      }
      String key = string();
      skipSpace();
      expect(':');
      out.put(key, value(depth));
      skipSpace();
      if (at(',')) {
        pos++;
      } else {
        expect('}');
        return JsonValues.normalizeMap(out);
      }
    }
  }

  private List<Object> array(int depth) {
    checkDepth(depth);
    pos++;
    List<Object> out = new ArrayList<>();
    skipSpace();
    if (at(']')) {
      pos++;
      return List.of();
    }
    while (true) {
      out.add(value(depth));
      skipSpace();
      if (at(',')) {
        pos++;
      } else {
        expect(']');
        @SuppressWarnings("unchecked") // normalize keeps a list a list
        List<Object> normal = (List<Object>) JsonValues.normalize(out);
        return normal;
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return out.toString();
      }
      if (c < 0x20) {
        throw error("a control character must be escaped in a string");
      }
      if (c == '\\') {
        out.append(escape());
      } else {
        out.append(c);
      }
    }
    throw error("unterminated string");
  }

  private char escape() {
    if (pos >= text.length()) {
      throw error("unterminated string");
    }
    char c = text.charAt(pos++);
    return switch (c) {
      case '"', '\\', '/' -> c;
      case 'b' -> '\b';
      case 'f' -> '\f';
      case 'n' -> '\n';
      case 'r' -> '\r';
      case 't' -> '\t';
      case 'u' -> unicodeEscape();
      default -> throw error("unknown escape `\\" + c + "`");
    };
  }

  private char unicodeEscape() {
    if (pos + 4 > text.length()) {
      throw error("`\\u` needs four hex digits");
    }
    int code = 0;
    for (int i = 0; i < 4; i++) {
      int digit = Character.digit(text.charAt(pos++), 16);
      if (digit < 0) {
        throw error("`\\u` needs four hex digits");
      }
      code = code * 16 + digit;
    }
    return (char) code;
  }

  private Object number() {
    int start = pos;
    if (at('-')) {
      pos++;
    }
    if (at('0')) {
      pos++;
    } else if (!digits()) {
      throw error("expected a digit");
    }
    boolean integral = true;
    if (at('.')) {
      pos++;
      integral = false;
      if (!digits()) {
        throw error("expected a digit after `.`");
      }
    }
    if (at('e') || at('E')) {
      pos++;
      integral = false;
      if (at('+') || at('-')) {
        pos++;
      }
      if (!digits()) {
        throw error("expected a digit in the exponent");
      }
    }
    String n = text.substring(start, pos);
    return integral ? JsonValues.normalize(new BigInteger(n)) : (Object) Double.parseDouble(n);
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected word");
    }
    pos += word.length();
    return value;
  }

  private void checkDepth(int depth) {
    if (depth > MAX_DEPTH) {
      throw error("nested deeper than " + MAX_DEPTH + " levels");
    }
  }

  private void expect(char c) {
    if (!at(c)) {
      throw error(pos >= text.length() ? "unexpected end of text" : "expected `" + c + "`");
    }
    pos++;
  }

  private boolean at(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at character " + (pos + 1));
  }
}
