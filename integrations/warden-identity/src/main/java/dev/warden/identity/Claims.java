package dev.warden.identity;

import com.nimbusds.jwt.JWTClaimsSet;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** JWT claims as the plain values Warden attributes use. */
final class Claims {

  private Claims() {}

  static Map<String, Object> toAttributes(JWTClaimsSet claims) {
    Map<String, Object> out = new LinkedHashMap<>();
    claims.getClaims().forEach((name, value) -> out.put(name, plain(value)));
    return out;
  }

  private static Object plain(Object value) {
    if (value instanceof Date d) {
      return d.toInstant();
    }
    if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof Float f) {
      return f.doubleValue();
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>(list.size());
      list.forEach(v -> copy.add(plain(v)));
      return copy;
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((k, v) -> copy.put(String.valueOf(k), plain(v)));
      return copy;
    }
    return value;
  }
}
