package dev.warden.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.Mutation;
import dev.warden.api.Precondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * API requests as the server's request bodies (snake_case JSON, shapes in the server's {@code
 * openapi.json}). Optional parts are left out when empty, so the bodies stay small.
 */
final class WireEncoder {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final ObjectMapper json;

  WireEncoder(ObjectMapper json) {
    this.json = json;
  }

  byte[] bytes(JsonNode body) {
    try {
      return json.writeValueAsBytes(body);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException("a JSON tree always serializes", e);
    }
  }

  /** {@code {actor, action, resource, context?, contextual_grants?, consistency?}}. */
  ObjectNode check(CheckRequest r) {
    ObjectNode n = NODES.objectNode();
    ObjectNode actor = entity(r.actor());
    putValues(actor, "attributes", r.actorAttributes(), "actor.attributes");
    n.set("actor", actor);
    n.put("action", r.action());
    ObjectNode resource = entity(r.resource());
    if (r.tenant() != null) {
      resource.put("tenant", r.tenant());
    }
    putValues(resource, "attributes", r.resourceAttributes(), "resource.attributes");
    n.set("resource", resource);
    putValues(n, "context", r.context(), "context");
    putGrants(n, "contextual_grants", r.contextualGrants());
    putConsistency(n, r.consistency());
    return n;
  }

  /** {@code {checks: [...]}}; each check carries its own consistency. */
  ObjectNode bulk(List<CheckRequest> rs) {
    ObjectNode n = NODES.objectNode();
    ArrayNode checks = n.putArray("checks");
    rs.forEach(r -> checks.add(check(r)));
    return n;
  }

  /** {@code {actor, action, resource_type, tenant?, ..., residual?, cursor?, limit}}. */
  ObjectNode lookupResources(LookupResourcesRequest r) {
    ObjectNode n = NODES.objectNode();
    ObjectNode actor = entity(r.actor());
    putValues(actor, "attributes", r.actorAttributes(), "actor.attributes");
    n.set("actor", actor);
    n.put("action", r.action());
    n.put("resource_type", r.resourceType());
    if (r.tenant() != null) {
      n.put("tenant", r.tenant());
    }
    putValues(n, "context", r.context(), "context");
    putGrants(n, "contextual_grants", r.contextualGrants());
    if (r.residual()) {
      n.put("residual", true);
    }
    if (r.cursor() != null) {
      n.put("cursor", r.cursor());
    }
    n.put("limit", r.limit());
    putConsistency(n, r.consistency());
    return n;
  }

  /** {@code {action, resource: {type, id?, tenant?}, subject_type, ..., format?}}. */
  ObjectNode lookupSubjects(LookupSubjectsRequest r, String format) {
    ObjectNode n = NODES.objectNode();
    n.put("action", r.action());
    ObjectNode resource = n.putObject("resource");
    resource.put("type", r.resourceType());
    if (r.resourceId() != null) {
      resource.put("id", r.resourceId());
    }
    if (r.tenant() != null) {
      resource.put("tenant", r.tenant());
    }
    n.put("subject_type", r.subjectType());
    putValues(n, "context", r.context(), "context");
    putGrants(n, "contextual_grants", r.contextualGrants());
    putConsistency(n, r.consistency());
    if (format != null) {
      n.put("format", format);
    }
    return n;
  }

  /** {@code {updates: [{operation, grant}], preconditions?}}. */
  ObjectNode write(List<Mutation> mutations, List<Precondition> preconditions) {
    ObjectNode n = NODES.objectNode();
    ArrayNode updates = n.putArray("updates");
    for (Mutation m : mutations) {
      ObjectNode u = updates.addObject();
      if (m instanceof Mutation.Touch t) {
        u.put("operation", "touch");
        u.set("grant", grant(t.grant()));
      } else if (m instanceof Mutation.Create c) {
        u.put("operation", "create");
        u.set("grant", grant(c.grant()));
      } else if (m instanceof Mutation.Delete d) {
        u.put("operation", "delete");
        u.set("grant", grant(d.grant()));
      } else {
        // INVARIANT: WardenClient routes the other mutations elsewhere before encoding.
        throw new IllegalStateException("not a grant update: " + m.getClass().getSimpleName());
      }
    }
    putPreconditions(n, preconditions);
    return n;
  }

  /**
   * {@code {filter, preconditions?}}: delete every match; {@code {all: true}} for the filter that
   * matches everything, which the server refuses as a filter.
   */
  ObjectNode deleteMatching(GrantFilter filter, List<Precondition> preconditions) {
    ObjectNode n = NODES.objectNode();
    if (filter.equals(GrantFilter.ALL)) {
      n.put("all", true);
    } else {
      n.set("filter", filter(filter));
    }
    putPreconditions(n, preconditions);
    return n;
  }

  /** {@code {filter, cursor?, limit}}. */
  ObjectNode read(GrantFilter filter, String cursor, int limit) {
    ObjectNode n = NODES.objectNode();
    n.set("filter", filter(filter));
    if (cursor != null) {
      n.put("cursor", cursor);
    }
    n.put("limit", limit);
    return n;
  }

  /** {@code {attributes}}. */
  ObjectNode entity(Map<String, Object> attributes) {
    ObjectNode n = NODES.objectNode();
    n.set("attributes", values(attributes, "attributes"));
    return n;
  }

  /** {@code {source, validate_only}}. */
  ObjectNode policy(String source, boolean validateOnly) {
    ObjectNode n = NODES.objectNode();
    n.put("source", source);
    n.put("validate_only", validateOnly);
    return n;
  }

  /** {@code {resource: {type, id}, relation, subject: {type, id, relation?}, condition?}}. */
  ObjectNode grant(Grant g) {
    ObjectNode n = NODES.objectNode();
    n.set("resource", entity(g.resource()));
    n.put("relation", g.relation());
    n.set("subject", subject(g.subject()));
    if (g.condition() != null) {
      ObjectNode c = n.putObject("condition");
      c.put("name", g.condition().name());
      if (!g.condition().context().isEmpty()) {
        c.set("context", values(g.condition().context(), "condition.context"));
      }
    }
    return n;
  }

  ObjectNode filter(GrantFilter f) {
    ObjectNode n = NODES.objectNode();
    putIfSet(n, "resource_type", f.resourceType());
    putIfSet(n, "resource_id", f.resourceId());
    putIfSet(n, "relation", f.relation());
    putIfSet(n, "subject_type", f.subjectType());
    putIfSet(n, "subject_id", f.subjectId());
    putIfSet(n, "subject_relation", f.subjectRelation());
    return n;
  }

  private static void putIfSet(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static ObjectNode entity(EntityRef e) {
    ObjectNode n = NODES.objectNode();
    n.put("type", e.type());
    n.put("id", e.id());
    return n;
  }

  private static ObjectNode subject(SubjectRef s) {
    ObjectNode n = NODES.objectNode();
    n.put("type", s.type());
    n.put("id", s.id());
    if (s.relation() != null) {
      n.put("relation", s.relation());
    }
    return n;
  }

  private void putGrants(ObjectNode n, String field, List<Grant> grants) {
    if (!grants.isEmpty()) {
      ArrayNode a = n.putArray(field);
      grants.forEach(g -> a.add(grant(g)));
    }
  }

  private void putPreconditions(ObjectNode n, List<Precondition> preconditions) {
    if (!preconditions.isEmpty()) {
      ArrayNode a = n.putArray("preconditions");
      for (Precondition p : preconditions) {
        ObjectNode item = a.addObject();
        item.set("filter", filter(p.filter()));
        item.put("must_exist", p.mustExist());
      }
    }
  }

  private static void putConsistency(ObjectNode n, Consistency c) {
    if (c instanceof Consistency.AtLeast a) {
      n.putObject("consistency").put("at_least", a.revision());
    }
  }

  private static void putValues(ObjectNode n, String field, Map<String, Object> m, String path) {
    if (!m.isEmpty()) {
      n.set(field, values(m, path));
    }
  }

  /** A map of request-time values as JSON, the way the engine reads them back. */
  private static ObjectNode values(Map<String, ?> m, String path) {
    ObjectNode n = NODES.objectNode();
    m.forEach((k, v) -> n.set(k, value(v, path + "." + k)));
    return n;
  }

  /**
   * One value: JSON's own types as themselves; times and durations as the ISO-8601 strings the
   * engine parses ({@code Instant}, {@code OffsetDateTime}, {@code Duration}); null as JSON null,
   * which the server refuses with the field's path.
   */
  private static JsonNode value(Object v, String path) {
    if (v == null) {
      return NODES.nullNode();
    }
    if (v instanceof String s) {
      return NODES.textNode(s);
    }
    if (v instanceof Boolean b) {
      return NODES.booleanNode(b);
    }
    if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return NODES.numberNode(((Number) v).longValue());
    }
    if (v instanceof Double || v instanceof Float) {
      return NODES.numberNode(((Number) v).doubleValue());
    }
    if (v instanceof BigInteger i) {
      return NODES.numberNode(i);
    }
    if (v instanceof BigDecimal d) {
      return NODES.numberNode(d);
    }
    if (v instanceof Map<?, ?> m) {
      ObjectNode n = NODES.objectNode();
      m.forEach((k, item) -> n.set(String.valueOf(k), value(item, path + "." + k)));
      return n;
    }
    if (v instanceof Collection<?> c) {
      ArrayNode a = NODES.arrayNode();
      int i = 0;
      for (Object item : c) {
        a.add(value(item, path + "[" + i++ + "]"));
      }
      return a;
    }
    if (v instanceof Instant || v instanceof OffsetDateTime || v instanceof Duration) {
      return NODES.textNode(v.toString());
    }
    throw WardenException.invalid(
        "`"
            + path
            + "` is a "
            + v.getClass().getName()
            + ", which has no JSON form; use a string, number, boolean, list or map");
  }
}
