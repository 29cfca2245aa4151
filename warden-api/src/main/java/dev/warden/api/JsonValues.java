package dev.warden.api;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one normal form of JSON-shaped values (condition contexts, attributes): integers as {@code
 * long}, integers from 2^63 to 2^64-1 (a {@code uint} condition parameter's upper half) as {@code
 * BigInteger}, other numbers as {@code double}, lists and maps normalized all the way down. JSON
 * and YAML readers hand over {@code Integer}, {@code BigDecimal} or {@code Float} where a SQL store
 * reads back {@code long} and {@code double}; normalizing when a value is built makes the two
 * equal, so writing the same grant again is recognized as no change by every store.
 */
public final class JsonValues {

  private JsonValues() {}

  /**
   * The value in normal form. Integers that fit neither a {@code long} nor an unsigned 64-bit
   * integer become {@code double}, as in JSON; other values (strings, booleans, timestamps) are
   * kept.
   */
  public static Object normalize(Object value) {
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof BigInteger b) {
      if (b.bitLength() < 64) {
        return b.longValue();
      }
      return b.signum() > 0 && b.bitLength() == 64 ? b : (Object) b.doubleValue();
    }
    if (value instanceof BigDecimal d) {
      return d.doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      for (Object o : list) {
        out.add(normalize(o));
      }
      return Collections.unmodifiableList(out);
    }
    if (value instanceof Map<?, ?> map) {
      return normalizeMap(map);
    }
    return value;
  }

  /** A map with every value in normal form, in the same order; unmodifiable. */
  public static <K> Map<K, Object> normalizeMap(Map<K, ?> map) {
    Map<K, Object> out = new LinkedHashMap<>();
    map.forEach((k, v) -> out.put(k, normalize(v)));
    return Collections.unmodifiableMap(out);
  }

  /**
   * Why a JSON-shaped value cannot be stored as given (a string or map key inside it that is not
   * well-formed Unicode, which a store would silently replace), or null when it can.
   */
  public static String textProblem(Object value) {
    if (value instanceof String s) {
      String p = Names.unicodeProblem(s);
      return p == null ? null : "holds a string that " + p;
    }
    if (value instanceof List<?> list) {
      for (Object o : list) {
        String p = textProblem(o);
        if (p != null) {
          return p;
        }
      }
    } else if (value instanceof Map<?, ?> map) {
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String p = textProblem(e.getKey());
        if (p == null) {
          p = textProblem(e.getValue());
        }
        if (p != null) {
          return p;
        }
      }
    }
    return null;
  }
}
