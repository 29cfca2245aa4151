package dev.warden.condition;

import com.google.common.primitives.UnsignedLong;
import dev.warden.api.JsonValues;
import dev.warden.model.AttributeType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Converts JSON-shaped values (as Jackson or a YAML reader produce them) to the values CEL
 * evaluates, by declared type. Timestamps are RFC 3339 strings, durations are CEL/Go strings
 * ({@code 1h30m}, {@code 2.5s}) or ISO-8601 ({@code PT1H}).
 */
public final class Values {

  /** Returned by {@link #coerce} when a value does not fit the declared type. */
  public static final Object MISMATCH = new Object();

  private static final Pattern GO_DURATION =
      Pattern.compile("(-)?((?:\\d+(?:\\.\\d+)?(?:h|ms|us|µs|ns|m|s))+)");
  private static final Pattern GO_DURATION_PART =
      Pattern.compile("(\\d+(?:\\.\\d+)?)(h|ms|us|µs|ns|m|s)");

  private Values() {}

  /** The value as the declared type expects it, or {@link #MISMATCH}. */
  public static Object coerce(AttributeType type, Object value) {
    if (value == null) {
      return MISMATCH;
    }
    return switch (type.kind()) {
      case BOOL -> value instanceof Boolean ? value : MISMATCH;
      case INT -> toLong(value);
      case UINT -> toUnsigned(value);
      case DOUBLE -> value instanceof Number n ? (Object) n.doubleValue() : MISMATCH;
      case STRING -> value instanceof String ? value : MISMATCH;
      case TIMESTAMP -> toInstant(value);
      case DURATION -> toDuration(value);
      case IPADDRESS -> toIpAddress(value);
      case LIST -> toList(type.element(), value);
      case MAP -> toMap(type.element(), value);
    };
  }

  /** True when the value fits the declared type. */
  public static boolean fits(AttributeType type, Object value) {
    return coerce(type, value) != MISMATCH;
  }

  /**
   * A JSON-shaped value normalized for CEL's dynamic values ({@code context.x}): the stored normal
   * form (see {@link JsonValues}), with a whole number above 2^63-1 as CEL's uint, all the way into
   * lists and maps.
   */
  public static Object normalize(Object value) {
    return forCel(JsonValues.normalize(value));
  }

  private static Object forCel(Object normal) {
    if (normal instanceof BigInteger b) {
      return UnsignedLong.valueOf(b);
    }
    if (normal instanceof List<?> list) {
      List<Object> out = new ArrayList<>(list.size());
      list.forEach(o -> out.add(forCel(o)));
      return Collections.unmodifiableList(out);
    }
    if (normal instanceof Map<?, ?> map) {
      Map<Object, Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(k, forCel(v)));
      return Collections.unmodifiableMap(out);
    }
    return normal;
  }

  /** A short name of the JSON shape of a value, for messages. */
  public static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof BigInteger
        || value instanceof UnsignedLong) {
      return "int";
    }
    if (value instanceof Number) {
      return "double";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof List) {
      return "list";
    }
    if (value instanceof Map) {
      return "map";
    }
    return value.getClass().getSimpleName();
  }

  private static Object toLong(Object value) {
    if (value instanceof Long
        || value instanceof Integer
        || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigInteger b && b.bitLength() < 64) {
      return b.longValue();
    }
    return MISMATCH;
  }

  private static Object toUnsigned(Object value) {
    if (value instanceof UnsignedLong) {
      return value;
    }
    Object whole = value instanceof BigInteger b ? b : toLong(value);
    if (whole instanceof Long l) {
      return l >= 0 ? UnsignedLong.valueOf(l) : MISMATCH;
    }
    if (whole instanceof BigInteger b && b.signum() >= 0 && b.bitLength() <= 64) {
      return UnsignedLong.valueOf(b);
    }
    return MISMATCH;
  }

  private static Object toIpAddress(Object value) {
    if (value instanceof IpAddress) {
      return value;
    }
    IpAddress ip = value instanceof String s ? IpAddress.parse(s) : null;
    return ip == null ? MISMATCH : ip;
  }

  private static Object toMap(AttributeType element, Object value) {
    if (!(value instanceof Map<?, ?> map)) {
      return MISMATCH;
    }
    Map<String, Object> out = new LinkedHashMap<>();
    for (Map.Entry<?, ?> e : map.entrySet()) {
      Object c = coerce(element, e.getValue());
      if (!(e.getKey() instanceof String key) || c == MISMATCH) {
        return MISMATCH;
      }
      out.put(key, c);
    }
    return Collections.unmodifiableMap(out);
  }

  private static Object toInstant(Object value) {
    if (value instanceof Instant) {
      return value;
    }
    if (value instanceof OffsetDateTime odt) {
      return odt.toInstant();
    }
    if (value instanceof String s) {
      try {
        return OffsetDateTime.parse(s).toInstant();
      } catch (DateTimeParseException e) {
        return MISMATCH;
      }
    }
    return MISMATCH;
  }

  private static Object toDuration(Object value) {
    if (value instanceof Duration) {
      return value;
    }
    if (!(value instanceof String s)) {
      return MISMATCH;
    }
    if (s.startsWith("P") || s.startsWith("-P")) {
      try {
        return Duration.parse(s);
      } catch (DateTimeParseException e) {
        return MISMATCH;
      }
    }
    Duration d = parseGoDuration(s);
    return d == null ? MISMATCH : d;
  }

  private static Duration parseGoDuration(String s) {
    Matcher whole = GO_DURATION.matcher(s);
    if (!whole.matches()) {
      return s.equals("0") ? Duration.ZERO : null;
    }
    BigDecimal nanos = BigDecimal.ZERO;
    Matcher part = GO_DURATION_PART.matcher(whole.group(2));
    while (part.find()) {
      BigDecimal n = new BigDecimal(part.group(1));
      long unit =
          switch (part.group(2)) {
            case "h" -> 3_600_000_000_000L;
            case "m" -> 60_000_000_000L;
            case "s" -> 1_000_000_000L;
            case "ms" -> 1_000_000L;
            case "us", "µs" -> 1_000L;
            default -> 1L;
          };
      nanos = nanos.add(n.multiply(BigDecimal.valueOf(unit)));
    }
    try {
      Duration d = Duration.ofNanos(nanos.longValueExact());
      return whole.group(1) != null ? d.negated() : d;
    } catch (ArithmeticException e) {
      return null;
    }
  }

  private static Object toList(AttributeType element, Object value) {
    if (!(value instanceof List<?> list)) {
      return MISMATCH;
    }
    List<Object> out = new ArrayList<>(list.size());
    for (Object o : list) {
      Object c = coerce(element, o);
      if (c == MISMATCH) {
        return MISMATCH;
      }
      out.add(c);
    }
    return List.copyOf(out);
  }
}
