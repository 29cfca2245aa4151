package dev.warden.pbt;

import dev.warden.model.Truth;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The CEL attribute rules and conditions the generator uses, each with its meaning written out by
 * hand in Kleene logic, so the reference evaluator never runs CEL.
 */
final class Templates {

  /** What an attribute rule can read. */
  interface Facts {
    /** The actor's attribute (just-in-time over stored, declared types only), or null. */
    Object actor(String name);

    /** The bound resource's attribute, or null. */
    Object resource(String name);

    /** The request context value, or null. */
    Object context(String name);
  }

  /** An attribute rule: CEL source and its hand-written meaning. */
  record Rule(String cel, Function<Facts, Truth> meaning) {}

  static final List<Rule> RULES =
      List.of(
          new Rule("resource.flag", f -> bool(f.resource("flag"))),
          new Rule("!resource.flag", f -> bool(f.resource("flag")).not()),
          new Rule("actor.level >= 2", f -> compare(f.actor("level"), 2, true)),
          new Rule("actor.level >= 1", f -> compare(f.actor("level"), 1, true)),
          new Rule("resource.tier < actor.level", Templates::tierBelowLevel),
          new Rule("context.mode == \"open\"", f -> equalsText(f.context("mode"), "open")),
          new Rule(
              "resource.flag || actor.level > 2",
              f -> bool(f.resource("flag")).or(compare(f.actor("level"), 3, true))),
          new Rule(
              "resource.flag && actor.level > 1",
              f -> bool(f.resource("flag")).and(compare(f.actor("level"), 2, true))));

  /** Conditions declared by every generated policy. */
  static final String CONDITIONS =
      """
      condition under(limit: int) { context.amount <= limit }
      condition flagged(on: bool) { on }
      condition within(ip: ipaddress, cidr: string) { ip.in_cidr(cidr) }
      condition capped(n: uint, cap: uint) { n <= cap }
      condition leveled(m: map<int>) { m.level >= 2 }
      """;

  /** The meaning of a condition given its parameters (grant context over request context). */
  static Truth condition(String name, Map<String, Object> grant, Map<String, Object> request) {
    return switch (name) {
      case "under" -> {
        Object limit = grant.containsKey("limit") ? grant.get("limit") : request.get("limit");
        Object amount = request.get("amount");
        if (!(limit instanceof Number l) || !(amount instanceof Number a)) {
          yield Truth.UNKNOWN;
        }
        yield Truth.of(a.longValue() <= l.longValue());
      }
      case "flagged" -> bool(parameter("on", grant, request));
      case "within" -> within(parameter("ip", grant, request), parameter("cidr", grant, request));
      case "capped" -> capped(parameter("n", grant, request), parameter("cap", grant, request));
      case "leveled" -> {
        // A map without the key is an evaluation error, so unknown, as a missing map is.
        Object level =
            parameter("m", grant, request) instanceof Map<?, ?> m ? m.get("level") : null;
        yield level instanceof Long l ? Truth.of(l >= 2) : Truth.UNKNOWN;
      }
      default -> Truth.UNKNOWN;
    };
  }

  private static Object parameter(
      String name, Map<String, Object> grant, Map<String, Object> request) {
    return grant.containsKey(name) ? grant.get(name) : request.get(name);
  }

  /**
   * {@code ip.in_cidr(cidr)} by the JDK's own address parsing and a bit mask, independent of the
   * engine's: unknown when a value is missing or the block is malformed, false across families.
   */
  private static Truth within(Object ip, Object cidr) {
    if (!(ip instanceof String address) || !(cidr instanceof String block)) {
      return Truth.UNKNOWN;
    }
    String[] parts = block.split("/", -1);
    byte[] network = literal(parts[0]);
    byte[] host = literal(address);
    if (parts.length != 2 || network == null || host == null || !parts[1].matches("\\d{1,3}")) {
      return Truth.UNKNOWN;
    }
    int bits = Integer.parseInt(parts[1]);
    if (bits > network.length * 8) {
      return Truth.UNKNOWN;
    }
    if (network.length != host.length) {
      return Truth.FALSE;
    }
    for (int i = 0; i < bits; i++) {
      int mask = 0x80 >> (i % 8);
      if ((network[i / 8] & mask) != (host[i / 8] & mask)) {
        return Truth.FALSE;
      }
    }
    return Truth.TRUE;
  }

  /** The bytes of an IP literal (the generator only makes literals, so no lookup happens). */
  private static byte[] literal(String text) {
    try {
      return java.net.InetAddress.getByName(text).getAddress();
    } catch (java.net.UnknownHostException e) {
      return null;
    }
  }

  private static Truth capped(Object n, Object cap) {
    BigInteger a = whole(n);
    BigInteger b = whole(cap);
    return a == null || b == null ? Truth.UNKNOWN : Truth.of(a.compareTo(b) <= 0);
  }

  private static BigInteger whole(Object v) {
    if (v instanceof Long l) {
      return BigInteger.valueOf(l);
    }
    return v instanceof BigInteger b ? b : null;
  }

  private static Truth bool(Object v) {
    return v instanceof Boolean b ? Truth.of(b) : Truth.UNKNOWN;
  }

  /** {@code v >= k} (or {@code v > k-1}) for an int, unknown when missing or not an int. */
  private static Truth compare(Object v, long k, boolean atLeast) {
    if (!(v instanceof Long || v instanceof Integer)) {
      return Truth.UNKNOWN;
    }
    long n = ((Number) v).longValue();
    return Truth.of(atLeast ? n >= k : n < k);
  }

  private static Truth tierBelowLevel(Facts f) {
    Object tier = f.resource("tier");
    Object level = f.actor("level");
    if (!(tier instanceof Number t) || !(level instanceof Number l)) {
      return Truth.UNKNOWN;
    }
    return Truth.of(t.longValue() < l.longValue());
  }

  private static Truth equalsText(Object v, String text) {
    // CEL compares a dyn value of another type as unequal (no error), and a missing key errors.
    if (v == null) {
      return Truth.UNKNOWN;
    }
    return Truth.of(text.equals(v));
  }

  static Rule rule(String cel) {
    for (Rule r : RULES) {
      if (r.cel().equals(cel)) {
        return r;
      }
    }
    throw new IllegalArgumentException("no template for " + cel);
  }

  private Templates() {}
}
