package dev.warden.audit;

import java.util.ArrayList;
import java.util.List;

/**
 * The filters of an {@link AuditQuery} applied to stored entries, in two steps: a text test on the
 * entry line that can rule an entry out without reading it (the canonical form writes each field
 * exactly one way), then the exact test on the entry read back.
 */
final class EntryFilter {

  private final AuditQuery query;
  private final List<String> needles = new ArrayList<>(3);
  private final String allowedText;
  private final long fromUs;
  private final long toUs;

  EntryFilter(AuditQuery q) {
    this.query = q;
    if (q.actor() != null) {
      needles.add(field("actor", q.actor().toString()));
    }
    if (q.resource() != null) {
      needles.add(field("resource", q.resource().toString()));
    }
    if (q.tenant() != null) {
      needles.add(field("tenant", q.tenant()));
    }
    this.allowedText = q.allowed() == null ? null : ",\"allowed\":" + q.allowed() + ",";
    this.fromUs = q.from() == null ? Long.MIN_VALUE : CanonicalForm.micros(q.from());
    this.toUs = q.to() == null ? Long.MAX_VALUE : CanonicalForm.micros(q.to());
  }

  /** Text that every matching entry line contains; a block without it holds no match. */
  List<String> needles() {
    return needles;
  }

  /** False when the line cannot be a match; true means read it and test exactly. */
  boolean mayMatch(String line) {
    for (String needle : needles) {
      if (!line.contains(needle)) {
        return false;
      }
    }
    return allowedText == null || line.contains(allowedText);
  }

  boolean matches(AuditEntry e) {
    long time = CanonicalForm.micros(e.event().time());
    return (query.actor() == null || query.actor().equals(e.event().actor()))
        && (query.resource() == null || query.resource().equals(e.event().resource()))
        && (query.tenant() == null || query.tenant().equals(e.event().tenant()))
        && (query.allowed() == null || query.allowed() == e.event().allowed())
        && time >= fromUs
        && time < toUs;
  }

  private static String field(String name, String value) {
    StringBuilder out = new StringBuilder(",\"").append(name).append("\":");
    CanonicalForm.string(out, value);
    return out.append(',').toString();
  }
}
