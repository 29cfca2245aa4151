package dev.warden.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.Mutation;
import dev.warden.api.Precondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WriteBatch;
import dev.warden.server.http.ApiError;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns request bodies (snake_case JSON, shapes in {@code openapi.json}) into API requests. Every
 * problem becomes a 422 naming the field; nothing here touches state.
 */
public final class WireReader {

  /** The most checks one bulk request may carry. */
  public static final int MAX_BULK = 1000;

  /** The most mutations one write may carry. */
  public static final int MAX_UPDATES = 10_000;

  /** The most contextual grants one check or lookup may carry. */
  public static final int MAX_CONTEXTUAL_GRANTS = 100;

  /** The most contextual grants all the checks of one bulk request may carry together. */
  public static final int MAX_BULK_CONTEXTUAL_GRANTS = 1000;

  private WireReader() {}

  /** A check: {@code {actor, action, resource, context?, contextual_grants?, consistency?}}. */
  public static CheckRequest check(JsonNode body, String path) {
    Fields.only(
        body, path, "actor", "action", "resource", "context", "contextual_grants", "consistency");
    JsonNode actorNode = Fields.object(body, "actor", path);
    JsonNode resourceNode = Fields.object(body, "resource", path);
    Fields.only(actorNode, path + "actor.", "type", "id", "attributes");
    Fields.only(resourceNode, path + "resource.", "type", "id", "tenant", "attributes");
    CheckRequest.Builder b =
        CheckRequest.builder(
                entity(actorNode, path + "actor."),
                Fields.text(body, "action", path),
                entity(resourceNode, path + "resource."))
            .tenant(Fields.optionalText(resourceNode, "tenant", path + "resource."))
            .actorAttributes(Fields.map(actorNode, "attributes", path + "actor."))
            .resourceAttributes(Fields.map(resourceNode, "attributes", path + "resource."))
            .context(Fields.map(body, "context", path))
            .consistency(consistency(body, path));
    for (Grant g : contextualGrants(body, path)) {
      b.contextualGrant(g);
    }
    return b.build();
  }

  /**
   * A bulk check: {@code {checks: [check...], consistency?}}; a top-level consistency applies to
   * all.
   */
  public static List<CheckRequest> bulk(JsonNode body) {
    Fields.only(body, "", "checks", "consistency");
    List<JsonNode> checks = Fields.array(body, "checks", "", true);
    if (checks.isEmpty()) {
      throw ApiError.invalid("`checks` must hold at least one check");
    }
    if (checks.size() > MAX_BULK) {
      throw ApiError.invalid("`checks` holds " + checks.size() + " checks; at most " + MAX_BULK);
    }
    boolean shared = body.hasNonNull("consistency");
    Consistency all = consistency(body, "");
    List<CheckRequest> out = new ArrayList<>(checks.size());
    int contextual = 0;
    for (int i = 0; i < checks.size(); i++) {
      JsonNode c = checks.get(i);
      String path = "checks[" + i + "].";
      if (!c.isObject()) {
        throw ApiError.invalid("`checks[" + i + "]` must be an object");
      }
      CheckRequest r = check(c, path);
      contextual += r.contextualGrants().size();
      if (contextual > MAX_BULK_CONTEXTUAL_GRANTS) {
        throw ApiError.invalid(
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
        r.actor(),
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
  public static LookupResourcesRequest lookupResources(JsonNode body) {
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
    Fields.only(actorNode, "actor.", "type", "id", "attributes");
    long limit = Fields.integer(body, "limit", "", 1000);
    if (limit < 1 || limit > LookupResourcesRequest.MAX_LIMIT) {
      throw ApiError.invalid(
          "`limit` must be between 1 and " + LookupResourcesRequest.MAX_LIMIT + ", not " + limit);
    }
    return new LookupResourcesRequest(
        entity(actorNode, "actor."),
        Fields.text(body, "action", ""),
        Fields.text(body, "resource_type", ""),
        Fields.optionalText(body, "tenant", ""),
        Fields.map(actorNode, "attributes", "actor."),
        Fields.map(body, "context", ""),
        contextualGrants(body, ""),
        Fields.bool(body, "residual", "", false),
        Fields.optionalText(body, "cursor", ""),
        (int) limit,
        consistency(body, ""));
  }

  /** A subject lookup: {@code {action, resource: {type, id?, tenant?}, subject_type, ...}}. */
  public static LookupSubjectsRequest lookupSubjects(JsonNode body) {
    Fields.only(
        body,
        "",
        "action",
        "resource",
        "subject_type",
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
        Fields.map(body, "context", ""),
        contextualGrants(body, ""),
        consistency(body, ""));
  }

  /**
   * A write: {@code {updates: [{operation: touch|create|delete, grant}], preconditions?}}, applied
   * atomically.
   */
  public static WriteBatch write(JsonNode body) {
    Fields.only(body, "", "updates", "preconditions");
    List<JsonNode> updates = Fields.array(body, "updates", "", true);
    if (updates.isEmpty()) {
      throw ApiError.invalid("`updates` must hold at least one update");
    }
    if (updates.size() > MAX_UPDATES) {
      throw ApiError.invalid(
          "`updates` holds " + updates.size() + " updates; at most " + MAX_UPDATES);
    }
    List<Mutation> mutations = new ArrayList<>(updates.size());
    for (int i = 0; i < updates.size(); i++) {
      JsonNode u = updates.get(i);
      String path = "updates[" + i + "].";
      if (!u.isObject()) {
        throw ApiError.invalid("`updates[" + i + "]` must be an object");
      }
      Fields.only(u, path, "operation", "grant");
      String op = Fields.text(u, "operation", path);
      JsonNode g = u.get("grant");
      if (g == null || g.isNull()) {
        throw ApiError.invalid("`" + path + "grant` is required");
      }
      Grant grant = grant(g, path + "grant");
      mutations.add(
          switch (op) {
            case "touch" -> new Mutation.Touch(grant);
            case "create" -> new Mutation.Create(grant);
            case "delete" -> new Mutation.Delete(grant);
            default ->
                throw ApiError.invalid(
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
  public static WriteBatch delete(JsonNode body) {
    Fields.only(body, "", "filter", "grants", "all", "preconditions");
    boolean all = Fields.bool(body, "all", "", false);
    if (body.hasNonNull("all") && !all) {
      throw ApiError.invalid("`all` may only be true; leave it out otherwise");
    }
    int given =
        (body.hasNonNull("filter") ? 1 : 0) + (body.hasNonNull("grants") ? 1 : 0) + (all ? 1 : 0);
    if (given != 1) {
      throw ApiError.invalid("give exactly one of `filter`, `grants` and `all`");
    }
    List<Mutation> mutations = new ArrayList<>();
    if (all) {
      mutations.add(new Mutation.DeleteMatching(GrantFilter.ALL));
    } else if (body.hasNonNull("filter")) {
      GrantFilter f = filter(Fields.object(body, "filter", ""), "filter.");
      if (f.equals(GrantFilter.ALL)) {
        throw ApiError.invalid(
            "`filter` matches every grant; to delete them all send `{\"all\": true}`");
      }
      mutations.add(new Mutation.DeleteMatching(f));
    } else {
      List<Grant> gs = grants(body, "grants", "", true);
      if (gs.isEmpty() || gs.size() > MAX_UPDATES) {
        throw ApiError.invalid("`grants` must hold between 1 and " + MAX_UPDATES + " grants");
      }
      gs.forEach(g -> mutations.add(new Mutation.Delete(g)));
    }
    return new WriteBatch(mutations, preconditions(body));
  }

  /** A grant filter; absent parts match anything. */
  public static GrantFilter filter(JsonNode f, String path) {
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
        throw ApiError.invalid("`preconditions[" + i + "]` must be an object");
      }
      Fields.only(p, path, "filter", "must_exist");
      GrantFilter f = filter(Fields.object(p, "filter", path), path + "filter.");
      out.add(new Precondition(f, Fields.bool(p, "must_exist", path, true)));
    }
    return out;
  }

  /** {@code {"at_least": N}}, or absent / {@code {"latest": true}} for the latest state. */
  public static Consistency consistency(JsonNode body, String path) {
    JsonNode c = Fields.optionalObject(body, "consistency", path);
    if (c == null) {
      return Consistency.latest();
    }
    Fields.only(c, path + "consistency.", "at_least", "latest");
    if (c.has("latest")) {
      if (!c.get("latest").isBoolean() || !c.get("latest").booleanValue() || c.has("at_least")) {
        throw ApiError.invalid(
            "`" + path + "consistency` is either `{\"latest\": true}` or `{\"at_least\": N}`");
      }
      return Consistency.latest();
    }
    if (!c.has("at_least")) {
      return Consistency.latest();
    }
    long rev = Fields.integer(c, "at_least", path + "consistency.", 0);
    if (rev < 0) {
      throw ApiError.invalid("`" + path + "consistency.at_least` cannot be negative");
    }
    return Consistency.atLeast(rev);
  }

  /** Refuses fields a request does not define. */
  public static void only(JsonNode node, String path, String... known) {
    Fields.only(node, path, known);
  }

  /** {@code {type, id}}. */
  public static EntityRef entity(JsonNode node, String path) {
    return EntityRef.of(Fields.text(node, "type", path), Fields.text(node, "id", path));
  }

  /** {@code contextual_grants}, at most {@link #MAX_CONTEXTUAL_GRANTS} of them. */
  private static List<Grant> contextualGrants(JsonNode body, String path) {
    List<Grant> grants = grants(body, "contextual_grants", path, false);
    if (grants.size() > MAX_CONTEXTUAL_GRANTS) {
      throw ApiError.invalid(
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
      out.add(grant(nodes.get(i), path + field + "[" + i + "]"));
    }
    return out;
  }

  /**
   * A grant: the text form {@code "Repository:gmail#admin@User:larry"}, or {@code {resource: {type,
   * id}, relation, subject: {type, id, relation?}, condition?: {name, context?}}}.
   */
  public static Grant grant(JsonNode g, String path) {
    if (g.isTextual()) {
      return Grant.parse(g.textValue());
    }
    if (!g.isObject()) {
      throw ApiError.invalid("`" + path + "` must be a grant object or its text form");
    }
    String p = path + ".";
    Fields.only(g, p, "resource", "relation", "subject", "condition");
    JsonNode r = Fields.object(g, "resource", p);
    Fields.only(r, p + "resource.", "type", "id");
    EntityRef resource = entity(r, p + "resource.");
    JsonNode s = Fields.object(g, "subject", p);
    Fields.only(s, p + "subject.", "type", "id", "relation");
    SubjectRef subject =
        new SubjectRef(
            Fields.text(s, "type", p + "subject."),
            Fields.text(s, "id", p + "subject."),
            Fields.optionalText(s, "relation", p + "subject."));
    JsonNode c = Fields.optionalObject(g, "condition", p);
    if (c != null) {
      Fields.only(c, p + "condition.", "name", "context");
    }
    GrantCondition condition =
        c == null
            ? null
            : new GrantCondition(
                Fields.text(c, "name", p + "condition."),
                Fields.map(c, "context", p + "condition."));
    return new Grant(resource, Fields.text(g, "relation", p), subject, condition);
  }
}
