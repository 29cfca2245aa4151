package dev.warden.wire;

import static dev.warden.wire.Values.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.Mutation;
import dev.warden.api.Names;
import dev.warden.api.Precondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WriteBatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Requests both ways: API requests as request bodies (snake_case JSON, shapes in the server's
 * {@code openapi.json}) for the client, and request bodies as API requests for the server. Decoding
 * is strict: an unknown field, a wrong type or a bound passed is a {@link WireException} naming the
 * JSON path, which the server answers as 422.
 */
public final class RequestCodec {

  /** The most checks one bulk request may carry. */
  public static final int MAX_BULK = 1000;

  /** The most mutations one write may carry. */
  public static final int MAX_UPDATES = 10_000;

  /** The most contextual grants one check or lookup may carry. */
  public static final int MAX_CONTEXTUAL_GRANTS = 100;

  /** The most contextual grants all the checks of one bulk request may carry together. */
  public static final int MAX_BULK_CONTEXTUAL_GRANTS = 1000;

  private RequestCodec() {}

  /** A check: {@code {actor, action, resource, context?, contextual_grants?, consistency?}}. */
  public static CheckRequest decodeCheck(JsonNode body, String path) {
    Fields.only(
        body, path, "actor", "action", "resource", "context", "contextual_grants", "consistency");
    JsonNode actorNode = Fields.object(body, "actor", path);
    JsonNode resourceNode = Fields.object(body, "resource", path);
    Fields.only(resourceNode, path + "resource.", "type", "id", "tenant", "attributes");
    CheckRequest.Builder b =
        CheckRequest.builder(
                decodeActor(actorNode, path + "actor."),
                Fields.text(body, "action", path),
                decodeEntity(resourceNode, path + "resource."))
            .tenant(Fields.optionalText(resourceNode, "tenant", path + "resource."))
            .actorAttributes(Fields.map(actorNode, "attributes", path + "actor."))
            .resourceAttributes(Fields.map(resourceNode, "attributes", path + "resource."))
            .context(Fields.map(body, "context", path))
            .consistency(decodeConsistency(body, path));
    for (Grant g : contextualGrants(body, path)) {
      b.contextualGrant(g);
    }
    return b.build();
  }

  /**
   * A bulk check: {@code {checks: [check...], consistency?}}; a top-level consistency applies to
   * all.
   */
  public static List<CheckRequest> decodeBulk(JsonNode body) {
    Fields.only(body, "", "checks", "consistency");
    List<JsonNode> checks = Fields.array(body, "checks", "", true);
    if (checks.isEmpty()) {
      throw WireException.invalid("`checks` must hold at least one check");
    }
    if (checks.size() > MAX_BULK) {
      throw WireException.invalid(
          "`checks` holds " + checks.size() + " checks; at most " + MAX_BULK);
    }
    boolean shared = body.hasNonNull("consistency");
    Consistency all = decodeConsistency(body, "");
    List<CheckRequest> out = new ArrayList<>(checks.size());
    int contextual = 0;
    for (int i = 0; i < checks.size(); i++) {
      JsonNode c = checks.get(i);
      String path = "checks[" + i + "].";
      if (!c.isObject()) {
        throw WireException.invalid("`checks[" + i + "]` must be an object");
      }
      CheckRequest r = decodeCheck(c, path);
      contextual += r.contextualGrants().size();
      if (contextual > MAX_BULK_CONTEXTUAL_GRANTS) {
        throw WireException.invalid(
            "`checks` hold more than "
                + MAX_BULK_CONTEXTUAL_GRANTS
                + " contextual grants in all (by `checks["
                + i
                + "]`)");
      }
      if (shared && !c.hasNonNull("consistency")) {
        r = withConsistency(r, all);
      }
      out.add(r);
    }
    return out;
  }

  private static CheckRequest withConsistency(CheckRequest r, Consistency c) {
    return new CheckRequest(
        r.subject(),
        r.action(),
        r.resource(),
        r.tenant(),
        r.actorAttributes(),
        r.resourceAttributes(),
        r.context(),
        r.contextualGrants(),
        c);
  }

  /** A resource lookup. */
  public static LookupResourcesRequest decodeLookupResources(JsonNode body) {
    Fields.only(
        body,
        "",
        "actor",
        "action",
        "resource_type",
        "tenant",
        "context",
        "contextual_grants",
        "residual",
        "cursor",
        "limit",
        "consistency");
    JsonNode actorNode = Fields.object(body, "actor", "");
    SubjectRef actor = decodeActor(actorNode, "actor.");
    long limit = Fields.integer(body, "limit", "", 1000);
    if (limit < 1 || limit > LookupResourcesRequest.MAX_LIMIT) {
      throw WireException.invalid(
          "`limit` must be between 1 and " + LookupResourcesRequest.MAX_LIMIT + ", not " + limit);
    }
    return new LookupResourcesRequest(
        actor,
        Fields.text(body, "action", ""),
        Fields.text(body, "resource_type", ""),
        Fields.optionalText(body, "tenant", ""),
        Fields.map(actorNode, "attributes", "actor."),
        Fields.map(body, "context", ""),
        contextualGrants(body, ""),
        Fields.bool(body, "residual", "", false),
        Fields.optionalText(body, "cursor", ""),
        (int) limit,
        decodeConsistency(body, ""));
  }

  /**
   * A subject lookup: {@code {action, resource: {type, id?, tenant?}, subject_type,
   * subject_relation?, ...}}; with {@code subject_relation} the answer lists usersets.
   */
  public static LookupSubjectsRequest decodeLookupSubjects(JsonNode body) {
    Fields.only(
        body,
        "",
        "action",
        "resource",
        "subject_type",
        "subject_relation",
        "context",
        "contextual_grants",
        "format",
        "consistency");
    JsonNode resource = Fields.object(body, "resource", "");
    Fields.only(resource, "resource.", "type", "id", "tenant");
    return new LookupSubjectsRequest(
        Fields.text(body, "action", ""),
        Fields.text(resource, "type", "resource."),
        Fields.optionalText(resource, "id", "resource."),
        Fields.optionalText(resource, "tenant", "resource."),
        Fields.text(body, "subject_type", ""),
        Fields.optionalText(body, "subject_relation", ""),
        Fields.map(body, "context", ""),
        contextualGrants(body, ""),
        decodeConsistency(body, ""));
  }

  /**
   * A write: {@code {updates: [{operation: touch|create|delete, grant}], preconditions?}}, applied
   * atomically.
   */
  public static WriteBatch decodeWrite(JsonNode body) {
    Fields.only(body, "", "updates", "preconditions");
    List<JsonNode> updates = Fields.array(body, "updates", "", true);
    if (updates.isEmpty()) {
      throw WireException.invalid("`updates` must hold at least one update");
    }
    if (updates.size() > MAX_UPDATES) {
      throw WireException.invalid(
          "`updates` holds " + updates.size() + " updates; at most " + MAX_UPDATES);
    }
    List<Mutation> mutations = new ArrayList<>(updates.size());
    for (int i = 0; i < updates.size(); i++) {
      JsonNode u = updates.get(i);
      String path = "updates[" + i + "].";
      if (!u.isObject()) {
        throw WireException.invalid("`updates[" + i + "]` must be an object");
      }
      Fields.only(u, path, "operation", "grant");
      String op = Fields.text(u, "operation", path);
      JsonNode g = u.get("grant");
      if (g == null || g.isNull()) {
        throw WireException.invalid("`" + path + "grant` is required");
      }
      Grant grant = GrantCodec.decode(g, path + "grant");
      mutations.add(
          switch (op) {
            case "touch" -> new Mutation.Touch(grant);
            case "create" -> new Mutation.Create(grant);
            case "delete" -> new Mutation.Delete(grant);
            default ->
                throw WireException.invalid(
                    "`"
                        + path
                        + "operation` is `"
                        + op
                        + "`; choose `touch`, `create` or `delete`");
          });
    }
    return new WriteBatch(mutations, preconditions(body));
  }

  /**
   * A delete: {@code {filter}} removes every match, {@code {grants}} those grants, and {@code {all:
   * true}} every grant; atomic. An empty filter is refused: deleting everything must be asked for
   * by name, never by a filter whose fields were all misspelt or dropped.
   */
  public static WriteBatch decodeDelete(JsonNode body) {
    Fields.only(body, "", "filter", "grants", "all", "preconditions");
    boolean all = Fields.bool(body, "all", "", false);
    if (body.hasNonNull("all") && !all) {
      throw WireException.invalid("`all` may only be true; leave it out otherwise");
    }
    int given =
        (body.hasNonNull("filter") ? 1 : 0) + (body.hasNonNull("grants") ? 1 : 0) + (all ? 1 : 0);
    if (given != 1) {
      throw WireException.invalid("give exactly one of `filter`, `grants` and `all`");
    }
    List<Mutation> mutations = new ArrayList<>();
    if (all) {
      mutations.add(new Mutation.DeleteMatching(GrantFilter.ALL));
    } else if (body.hasNonNull("filter")) {
      GrantFilter f = decodeFilter(Fields.object(body, "filter", ""), "filter.");
      if (f.equals(GrantFilter.ALL)) {
        throw WireException.invalid(
            "`filter` matches every grant; to delete them all send `{\"all\": true}`");
      }
      mutations.add(new Mutation.DeleteMatching(f));
    } else {
      List<Grant> gs = grants(body, "grants", "", true);
      if (gs.isEmpty() || gs.size() > MAX_UPDATES) {
        throw WireException.invalid("`grants` must hold between 1 and " + MAX_UPDATES + " grants");
      }
      gs.forEach(g -> mutations.add(new Mutation.Delete(g)));
    }
    return new WriteBatch(mutations, preconditions(body));
  }

  /**
   * A read of stored grants: {@code {filter?, cursor?, limit?}}; an absent filter reads every
   * grant.
   */
  public static ReadRequest decodeRead(JsonNode body) {
    Fields.only(body, "", "filter", "cursor", "limit");
    JsonNode f = body.get("filter");
    GrantFilter filter;
    if (f == null || f.isNull()) {
      filter = GrantFilter.ALL;
    } else if (f.isObject()) {
      filter = decodeFilter(f, "filter.");
    } else {
      throw WireException.invalid("`filter` must be an object");
    }
    JsonNode cursorNode = body.get("cursor");
    if (cursorNode != null && !cursorNode.isNull() && !cursorNode.isTextual()) {
      throw WireException.invalid("`cursor` must be a string");
    }
    JsonNode limitNode = body.get("limit");
    int limit = ReadRequest.DEFAULT_LIMIT;
    if (limitNode != null && !limitNode.isNull()) {
      if (!limitNode.isIntegralNumber()
          || limitNode.asLong() < 1
          || limitNode.asLong() > ReadRequest.MAX_LIMIT) {
        throw WireException.invalid(
            "`limit` must be a whole number between 1 and " + ReadRequest.MAX_LIMIT);
      }
      limit = limitNode.asInt();
    }
    String cursor = cursorNode == null || cursorNode.isNull() ? null : cursorNode.asText();
    return new ReadRequest(filter, cursor, limit);
  }

  /** An entity's attributes: {@code {attributes}}, every value plain and none null. */
  public static Map<String, Object> decodeAttributes(JsonNode body) {
    Fields.only(body, "", "attributes");
    if (!body.has("attributes") || !body.get("attributes").isObject()) {
      throw WireException.invalid("`attributes` is required and must be an object");
    }
    Map<String, Object> m = new LinkedHashMap<>();
    body.get("attributes")
        .properties()
        .forEach(e -> m.put(e.getKey(), Fields.value(e.getValue(), "attributes." + e.getKey())));
    return m;
  }

  /** A grant filter; absent parts match anything. */
  public static GrantFilter decodeFilter(JsonNode f, String path) {
    Fields.only(
        f,
        path,
        "resource_type",
        "resource_id",
        "relation",
        "subject_type",
        "subject_id",
        "subject_relation");
    return new GrantFilter(
        Fields.optionalText(f, "resource_type", path),
        Fields.optionalText(f, "resource_id", path),
        Fields.optionalText(f, "relation", path),
        Fields.optionalText(f, "subject_type", path),
        Fields.optionalText(f, "subject_id", path),
        Fields.optionalText(f, "subject_relation", path));
  }

  private static List<Precondition> preconditions(JsonNode body) {
    List<Precondition> out = new ArrayList<>();
    List<JsonNode> ps = Fields.array(body, "preconditions", "", false);
    for (int i = 0; i < ps.size(); i++) {
      JsonNode p = ps.get(i);
      String path = "preconditions[" + i + "].";
      if (!p.isObject()) {
        throw WireException.invalid("`preconditions[" + i + "]` must be an object");
      }
      Fields.only(p, path, "filter", "must_exist");
      GrantFilter f = decodeFilter(Fields.object(p, "filter", path), path + "filter.");
      out.add(new Precondition(f, Fields.bool(p, "must_exist", path, true)));
    }
    return out;
  }

  /** {@code {"at_least": N}}, or absent / {@code {"latest": true}} for the latest state. */
  public static Consistency decodeConsistency(JsonNode body, String path) {
    JsonNode c = Fields.optionalObject(body, "consistency", path);
    if (c == null) {
      return Consistency.latest();
    }
    Fields.only(c, path + "consistency.", "at_least", "latest");
    if (c.has("latest")) {
      if (!c.get("latest").isBoolean() || !c.get("latest").booleanValue() || c.has("at_least")) {
        throw WireException.invalid(
            "`" + path + "consistency` is either `{\"latest\": true}` or `{\"at_least\": N}`");
      }
      return Consistency.latest();
    }
    if (!c.has("at_least")) {
      return Consistency.latest();
    }
    long rev = Fields.integer(c, "at_least", path + "consistency.", 0);
    if (rev < 0) {
      throw WireException.invalid("`" + path + "consistency.at_least` cannot be negative");
    }
    return Consistency.atLeast(rev);
  }

  /** Refuses fields a request does not define. */
  public static void only(JsonNode node, String path, String... known) {
    Fields.only(node, path, known);
  }

  /** {@code {type, id}}. */
  /**
   * A check's or lookup's actor, as a grant's subject is written: {@code {type, id}} for an entity,
   * {@code {type, id, relation}} for a userset, {@code {type, id: "*"}} for a wildcard, and {@code
   * attributes} only for an entity. Each field keeps its one meaning: the relation is never read
   * out of the id.
   */
  static SubjectRef decodeActor(JsonNode node, String path) {
    Fields.only(node, path, "type", "id", "relation", "attributes");
    String type = Fields.text(node, "type", path);
    String id = Fields.text(node, "id", path);
    String relation = Fields.optionalText(node, "relation", path);
    boolean wildcard = Names.WILDCARD.equals(id);
    if (wildcard && relation != null) {
      throw WireException.invalid(
          "`" + path + "relation`: the wildcard `" + type + ":*` has no relation; drop one");
    }
    if ((wildcard || relation != null) && node.hasNonNull("attributes")) {
      throw WireException.invalid(
          "`"
              + path
              + "attributes`: a "
              + (wildcard ? "wildcard" : "userset")
              + " actor has no attributes; send them only for an entity");
    }
    if (wildcard) {
      return SubjectRef.wildcard(type);
    }
    EntityRef entity = EntityRef.of(type, id);
    return relation == null
        ? SubjectRef.of(entity)
        : SubjectRef.userset(entity.type(), entity.id(), relation);
  }

  public static EntityRef decodeEntity(JsonNode node, String path) {
    return EntityRef.of(Fields.text(node, "type", path), Fields.text(node, "id", path));
  }

  /** {@code contextual_grants}, at most {@link #MAX_CONTEXTUAL_GRANTS} of them. */
  private static List<Grant> contextualGrants(JsonNode body, String path) {
    List<Grant> grants = grants(body, "contextual_grants", path, false);
    if (grants.size() > MAX_CONTEXTUAL_GRANTS) {
      throw WireException.invalid(
          "`"
              + path
              + "contextual_grants` holds "
              + grants.size()
              + " grants; at most "
              + MAX_CONTEXTUAL_GRANTS);
    }
    return grants;
  }

  private static List<Grant> grants(JsonNode body, String field, String path, boolean required) {
    List<JsonNode> nodes = Fields.array(body, field, path, required);
    List<Grant> out = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      out.add(GrantCodec.decode(nodes.get(i), path + field + "[" + i + "]"));
    }
    return out;
  }

  /**
   * JSON as plain Java values (String, Long, Double, Boolean, List, Map); a null anywhere is
   * refused.
   */
  public static Object plain(JsonNode v, String path) {
    return Fields.value(v, path);
  }

  // ------------------------------------------------------------------ encoding
  // Optional parts are left out when empty, so the bodies stay small.

  /** {@code {actor, action, resource, context?, contextual_grants?, consistency?}}. */
  public static ObjectNode encodeCheck(CheckRequest r) {
    ObjectNode n = NODES.objectNode();
    ObjectNode actor = GrantCodec.subject(r.subject());
    putValues(actor, "attributes", r.actorAttributes(), "actor.attributes");
    n.set("actor", actor);
    n.put("action", r.action());
    ObjectNode resource = GrantCodec.entity(r.resource());
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
  public static ObjectNode encodeBulk(List<CheckRequest> rs) {
    ObjectNode n = NODES.objectNode();
    ArrayNode checks = n.putArray("checks");
    rs.forEach(r -> checks.add(encodeCheck(r)));
    return n;
  }

  /** {@code {actor, action, resource_type, tenant?, ..., residual?, cursor?, limit}}. */
  public static ObjectNode encodeLookupResources(LookupResourcesRequest r) {
    ObjectNode n = NODES.objectNode();
    ObjectNode actor = GrantCodec.subject(r.subject());
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

  /**
   * {@code {action, resource: {type, id?, tenant?}, subject_type, ..., format?}}; {@code format}
   * (null to leave it out) picks the answer's shape.
   */
  public static ObjectNode encodeLookupSubjects(LookupSubjectsRequest r, String format) {
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
    if (r.subjectRelation() != null) {
      n.put("subject_relation", r.subjectRelation());
    }
    putValues(n, "context", r.context(), "context");
    putGrants(n, "contextual_grants", r.contextualGrants());
    putConsistency(n, r.consistency());
    if (format != null) {
      n.put("format", format);
    }
    return n;
  }

  /** {@code {updates: [{operation, grant}], preconditions?}}: touch, create and delete only. */
  public static ObjectNode encodeWrite(List<Mutation> mutations, List<Precondition> preconditions) {
    ObjectNode n = NODES.objectNode();
    ArrayNode updates = n.putArray("updates");
    for (Mutation m : mutations) {
      ObjectNode u = updates.addObject();
      if (m instanceof Mutation.Touch t) {
        u.put("operation", "touch");
        u.set("grant", GrantCodec.encode(t.grant()));
      } else if (m instanceof Mutation.Create c) {
        u.put("operation", "create");
        u.set("grant", GrantCodec.encode(c.grant()));
      } else if (m instanceof Mutation.Delete d) {
        u.put("operation", "delete");
        u.set("grant", GrantCodec.encode(d.grant()));
      } else {
        // INVARIANT: callers route the other mutations to encodeDelete before encoding.
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
  public static ObjectNode encodeDelete(GrantFilter filter, List<Precondition> preconditions) {
    ObjectNode n = NODES.objectNode();
    if (filter.equals(GrantFilter.ALL)) {
      n.put("all", true);
    } else {
      n.set("filter", encodeFilter(filter));
    }
    putPreconditions(n, preconditions);
    return n;
  }

  /** {@code {filter, cursor?, limit}}: a page of grants. */
  public static ObjectNode encodeRead(ReadRequest r) {
    ObjectNode n = NODES.objectNode();
    n.set("filter", encodeFilter(r.filter()));
    if (r.cursor() != null) {
      n.put("cursor", r.cursor());
    }
    n.put("limit", r.limit());
    return n;
  }

  /** {@code {attributes}}: an entity's attributes. */
  public static ObjectNode encodeAttributes(Map<String, Object> attributes) {
    ObjectNode n = NODES.objectNode();
    n.set("attributes", Values.toJson(attributes, "attributes"));
    return n;
  }

  /** {@code {source, validate_only}}: a policy to activate or only validate. */
  public static ObjectNode encodePolicy(String source, boolean validateOnly) {
    ObjectNode n = NODES.objectNode();
    n.put("source", source);
    n.put("validate_only", validateOnly);
    return n;
  }

  /** A grant filter: only the parts that are set. */
  public static ObjectNode encodeFilter(GrantFilter f) {
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

  private static void putGrants(ObjectNode n, String field, List<Grant> grants) {
    if (!grants.isEmpty()) {
      ArrayNode a = n.putArray(field);
      grants.forEach(g -> a.add(GrantCodec.encode(g)));
    }
  }

  private static void putPreconditions(ObjectNode n, List<Precondition> preconditions) {
    if (!preconditions.isEmpty()) {
      ArrayNode a = n.putArray("preconditions");
      for (Precondition p : preconditions) {
        ObjectNode item = a.addObject();
        item.set("filter", encodeFilter(p.filter()));
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
      n.set(field, Values.toJson(m, path));
    }
  }
}
