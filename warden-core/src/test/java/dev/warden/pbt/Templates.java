package dev.warden.pbt;

import dev.warden.model.Truth;
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
      case "flagged" -> bool(grant.containsKey("on") ? grant.get("on") : request.get("on"));
      default -> Truth.UNKNOWN;
    };
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
