package dev.warden.server.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.AuthorizedUsers;
import dev.warden.api.Change;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.ExplainNode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Page;
import dev.warden.api.SubjectRef;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns API answers into response bodies (snake_case JSON, shapes in {@code openapi.json}). */
public final class WireWriter {

  private final ObjectMapper json;

  public WireWriter(ObjectMapper json) {
    this.json = json;
  }

  /** {@code {allowed, revision, decision_id}}. */
  public ObjectNode decision(Decision d) {
    ObjectNode n = json.createObjectNode();
    n.put("allowed", d.allowed());
    n.put("revision", d.revision());
    n.put("decision_id", d.decisionId());
    return n;
  }

  /** {@code {results: [decision...], revision}}; the revision is the lowest of the results. */
  public ObjectNode bulk(List<Decision> ds) {
    ObjectNode n = json.createObjectNode();
    ArrayNode results = n.putArray("results");
    long revision = Long.MAX_VALUE;
    for (Decision d : ds) {
      results.add(decision(d));
      revision = Math.min(revision, d.revision());
    }
    n.put("revision", ds.isEmpty() ? 0 : revision);
    return n;
  }

  /** The decision plus {@code explanation}, the tree. */
  public ObjectNode explanation(Explanation e) {
    ObjectNode n = decision(e.decision());
    n.set("explanation", node(e.root()));
    return n;
  }

  private ObjectNode node(ExplainNode e) {
    ObjectNode n = json.createObjectNode();
    n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    n.put("label", e.label());
    n.put("outcome", e.outcome());
    n.put("reason", e.reason());
    ArrayNode children = n.putArray("children");
    e.children().forEach(c -> children.add(node(c)));
    return n;
  }

  /** {@code {ids, next_cursor, revision, residual?}}. */
  public ObjectNode resources(LookupResourcesResult r) {
    ObjectNode n = json.createObjectNode();
    ArrayNode ids = n.putArray("ids");
    r.ids().forEach(ids::add);
    n.put("next_cursor", r.nextCursor());
    n.put("revision", r.revision());
    if (r.residual() != null) {
      ObjectNode res = n.putObject("residual");
      res.put("cel", r.residual().cel());
      ObjectNode types = res.putObject("attribute_types");
      r.residual().attributeTypes().forEach(types::put);
    }
    return n;
  }

  /** {@code {subjects: [{subject, grants}], any_subject, revision}}. */
  public ObjectNode subjects(LookupSubjectsResult r) {
    ObjectNode n = json.createObjectNode();
    ArrayNode subjects = n.putArray("subjects");
    for (AuthorizedSubject s : r.subjects()) {
      ObjectNode item = subjects.addObject();
      item.set("subject", subject(s.subject()));
      ArrayNode grants = item.putArray("grants");
      s.grants().forEach(g -> grants.add(grant(g)));
    }
    n.put("any_subject", r.anySubject());
    n.put("revision", r.revision());
    return n;
  }

  /** The authorized-users shape, plus {@code revision}. */
  public ObjectNode authorizedUsers(AuthorizedUsers u, long revision) {
    ObjectNode n = json.valueToTree(u);
    n.put("revision", revision);
    return n;
  }

  /** {@code {grants, next_cursor, revision}}. */
  public ObjectNode page(Page<Grant> p) {
    ObjectNode n = json.createObjectNode();
    ArrayNode grants = n.putArray("grants");
    p.items().forEach(g -> grants.add(grant(g)));
    n.put("next_cursor", p.nextCursor());
    n.put("revision", p.revision());
    return n;
  }

  /** {@code {revision}}. */
  public ObjectNode revision(long revision) {
    ObjectNode n = json.createObjectNode();
    n.put("revision", revision);
    return n;
  }

  /**
   * A change for the watch stream: {@code {type, revision, grant | entity+attributes | version}}.
   */
  public ObjectNode change(Change c) {
    ObjectNode n = json.createObjectNode();
    if (c instanceof Change.GrantWritten w) {
      n.put("type", "grant_written");
      n.put("revision", c.revision());
      n.set("grant", grant(w.grant()));
    } else if (c instanceof Change.GrantDeleted d) {
      n.put("type", "grant_deleted");
      n.put("revision", c.revision());
      n.set("grant", grant(d.grant()));
    } else if (c instanceof Change.AttributesSet a) {
      n.put("type", "attributes_set");
      n.put("revision", c.revision());
      n.set("entity", entity(a.entity()));
      n.set("attributes", attributes(a.attributes()));
    } else if (c instanceof Change.PolicyActivated p) {
      n.put("type", "policy_activated");
      n.put("revision", c.revision());
      n.put("version", p.version());
    } else {
      throw new IllegalStateException("unknown change " + c.getClass());
    }
    return n;
  }

  /** {@code {resource: {type, id}, relation, subject: {type, id, relation?}, condition?}}. */
  public ObjectNode grant(Grant g) {
    ObjectNode n = json.createObjectNode();
    n.set("resource", entity(g.resource()));
    n.put("relation", g.relation());
    n.set("subject", subject(g.subject()));
    if (g.condition() != null) {
      ObjectNode c = n.putObject("condition");
      c.put("name", g.condition().name());
      c.set("context", attributes(g.condition().context()));
    }
    return n;
  }

  private ObjectNode entity(EntityRef e) {
    ObjectNode n = json.createObjectNode();
    n.put("type", e.type());
    n.put("id", e.id());
    return n;
  }

  private ObjectNode subject(SubjectRef s) {
    ObjectNode n = json.createObjectNode();
    n.put("type", s.type());
    n.put("id", s.id());
    if (s.relation() != null) {
      n.put("relation", s.relation());
    }
    return n;
  }

  private JsonNode attributes(Map<String, Object> m) {
    return json.valueToTree(m);
  }
}
