package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import dev.warden.api.EntityRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Deterministic decisions for tests: varied actors, resources, outcomes, nulls and odd text. */
final class Events {

  /** The time of event 1; event i is i seconds later. */
  static final Instant BASE = Instant.parse("2026-06-01T12:00:00.123456Z");

  private Events() {}

  static DecisionEvent event(int i) {
    return new DecisionEvent(
        BASE.plusSeconds(i),
        "d" + i,
        EntityRef.of("User", "u" + (i % 3)),
        i % 2 == 0 ? "read" : "push",
        EntityRef.of("Repository", "r" + (i % 4)),
        i % 2 == 0 ? null : "acme",
        i % 3 != 0,
        i,
        i % 5 == 0 ? null : "v1",
        // odd text on some entries: quotes, backslash, control characters, non-ASCII, emoji
        i % 7 == 0 ? "not granted: \"tool\" \\ ü 😀\n\t" : (i % 3 != 0 ? "granted" : "not granted"),
        i * 10L,
        i % 4 == 0 ? "key-" + i : null,
        "embedded");
  }

  /** Events 1..n. */
  static List<DecisionEvent> events(int n) {
    return range(1, n);
  }

  static List<DecisionEvent> range(int first, int last) {
    List<DecisionEvent> out = new ArrayList<>();
    for (int i = first; i <= last; i++) {
      out.add(event(i));
    }
    return out;
  }
}
