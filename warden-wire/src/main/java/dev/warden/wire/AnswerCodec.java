package dev.warden.wire;

import static dev.warden.wire.AnswerFields.array;
import static dev.warden.wire.AnswerFields.bool;
import static dev.warden.wire.AnswerFields.integer;
import static dev.warden.wire.AnswerFields.object;
import static dev.warden.wire.AnswerFields.optionalText;
import static dev.warden.wire.AnswerFields.text;
import static dev.warden.wire.AnswerFields.textValue;
import static dev.warden.wire.Values.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.AuthorizedUsers;
import dev.warden.api.Change;
import dev.warden.api.Decision;
import dev.warden.api.ExplainNode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Page;
import dev.warden.api.Residual;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Answers both ways: API answers as response bodies (snake_case JSON, shapes in the server's {@code
 * openapi.json}) for the server, and response bodies as API answers for the client, equal to what
 * the embedded engine returns for the same question. Decoding ignores fields it does not know; a
 * missing or mistyped field it needs is a {@link WireException#malformed}.
 */
public final class AnswerCodec {

  private AnswerCodec() {}

  // ------------------------------------------------------------------ encoding

  /** {@code {allowed, revision, decision_id}}. */
  public static ObjectNode encodeDecision(Decision d) {
    ObjectNode n = NODES.objectNode();
    n.put("allowed", d.allowed());
    n.put("revision", d.revision());
    n.put("decision_id", d.decisionId());
    return n;
  }

  /** {@code {results: [decision...], revision}}; the revision is the lowest of the results. */
  public static ObjectNode encodeBulk(List<Decision> ds) {
    ObjectNode n = NODES.objectNode();
    ArrayNode results = n.putArray("results");
    long revision = Long.MAX_VALUE;
    for (Decision d : ds) {
      results.add(encodeDecision(d));
      revision = Math.min(revision, d.revision());
    }
    n.put("revision", ds.isEmpty() ? 0 : revision);
    return n;
  }

  /** The decision plus {@code explanation}, the tree. */
  public static ObjectNode encodeExplanation(Explanation e) {
    ObjectNode n = encodeDecision(e.decision());
    n.set("explanation", node(e.root()));
    return n;
  }

  private static ObjectNode node(ExplainNode e) {
    ObjectNode n = NODES.objectNode();
    n.put("kind", e.kind().name().toLowerCase(Locale.ROOT));
    n.put("label", e.label());
    n.put("outcome", e.outcome());
    n.put("reason", e.reason());
    ArrayNode children = n.putArray("children");
    e.children().forEach(c -> children.add(node(c)));
    return n;
  }

  /** {@code {ids, next_cursor, revision, residual?}}. */
  public static ObjectNode encodeResources(LookupResourcesResult r) {
    ObjectNode n = NODES.objectNode();
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
  public static ObjectNode encodeSubjects(LookupSubjectsResult r) {
    ObjectNode n = NODES.objectNode();
    ArrayNode subjects = n.putArray("subjects");
    for (AuthorizedSubject s : r.subjects()) {
      ObjectNode item = subjects.addObject();
      item.set("subject", GrantCodec.subject(s.subject()));
      ArrayNode grants = item.putArray("grants");
      s.grants().forEach(g -> grants.add(GrantCodec.encode(g)));
    }
    n.put("any_subject", r.anySubject());
    n.put("revision", r.revision());
    return n;
  }

  /** {@code {resource, tenant, users: {id: [{user, tenant, resource, role}]}, revision}}. */
  public static ObjectNode encodeAuthorizedUsers(AuthorizedUsers u, long revision) {
    ObjectNode n = NODES.objectNode();
    n.put("resource", u.resource());
    n.put("tenant", u.tenant());
    ObjectNode users = n.putObject("users");
    u.users()
        .forEach(
            (id, assignments) -> {
              ArrayNode list = users.putArray(id);
              for (AuthorizedUsers.Assignment a : assignments) {
                ObjectNode item = list.addObject();
                item.put("user", a.user());
                item.put("tenant", a.tenant());
                item.put("resource", a.resource());
                item.put("role", a.role());
              }
            });
    n.put("revision", revision);
    return n;
  }

  /** {@code {grants, next_cursor, revision}}. */
  public static ObjectNode encodePage(Page<Grant> p) {
    ObjectNode n = NODES.objectNode();
    ArrayNode grants = n.putArray("grants");
    p.items().forEach(g -> grants.add(GrantCodec.encode(g)));
    n.put("next_cursor", p.nextCursor());
    n.put("revision", p.revision());
    return n;
  }

  /** {@code {revision}}. */
  public static ObjectNode encodeRevision(long revision) {
    ObjectNode n = NODES.objectNode();
    n.put("revision", revision);
    return n;
  }

  /**
   * A change for the watch stream: {@code {type, revision, grant | entity+attributes | version}}.
   */
  public static ObjectNode encodeChange(Change c) {
    ObjectNode n = NODES.objectNode();
    if (c instanceof Change.GrantWritten w) {
      n.put("type", "grant_written");
      n.put("revision", c.revision());
      n.set("grant", GrantCodec.encode(w.grant()));
    } else if (c instanceof Change.GrantDeleted d) {
      n.put("type", "grant_deleted");
      n.put("revision", c.revision());
      n.set("grant", GrantCodec.encode(d.grant()));
    } else if (c instanceof Change.AttributesSet a) {
      n.put("type", "attributes_set");
      n.put("revision", c.revision());
      n.set("entity", GrantCodec.entity(a.entity()));
      n.set("attributes", Values.toJson(a.attributes(), "attributes"));
    } else if (c instanceof Change.PolicyActivated p) {
      n.put("type", "policy_activated");
      n.put("revision", c.revision());
      n.put("version", p.version());
    } else {
      throw new IllegalStateException("unknown change " + c.getClass());
    }
    return n;
  }

  // ------------------------------------------------------------------ decoding

  /** {@code {allowed, revision, decision_id}}. */
  public static Decision decodeDecision(JsonNode n) {
    return new Decision(bool(n, "allowed"), integer(n, "revision"), optionalText(n, "decision_id"));
  }

  /** {@code {results: [decision...]}}. */
  public static List<Decision> decodeBulk(JsonNode n) {
    List<Decision> out = new ArrayList<>();
    for (JsonNode d : array(n, "results")) {
      out.add(decodeDecision(d));
    }
    return out;
  }

  /** A decision with {@code explanation}. */
  public static Explanation decodeExplanation(JsonNode n) {
    return new Explanation(decodeDecision(n), decodeNode(object(n, "explanation")));
  }

  private static ExplainNode decodeNode(JsonNode n) {
    String kind = text(n, "kind");
    ExplainNode.Kind k;
    try {
      k = ExplainNode.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw WireException.malformed("unknown explanation step kind `" + kind + "`");
    }
    List<ExplainNode> children = new ArrayList<>();
    for (JsonNode c : array(n, "children")) {
      children.add(decodeNode(c));
    }
    return new ExplainNode(
        k, text(n, "label"), text(n, "outcome"), optionalText(n, "reason"), children);
  }

  /** {@code {ids, next_cursor, revision, residual?: {cel, attribute_types}}}. */
  public static LookupResourcesResult decodeResources(JsonNode n) {
    List<String> ids = new ArrayList<>();
    for (JsonNode id : array(n, "ids")) {
      ids.add(textValue(id, "ids[]"));
    }
    Residual residual = null;
    JsonNode r = n.get("residual");
    if (r != null && !r.isNull()) {
      Map<String, String> types = new LinkedHashMap<>();
      object(r, "attribute_types")
          .properties()
          .forEach(e -> types.put(e.getKey(), textValue(e.getValue(), "attribute_types")));
      residual = new Residual(text(r, "cel"), types);
    }
    return new LookupResourcesResult(
        ids, optionalText(n, "next_cursor"), integer(n, "revision"), residual);
  }

  /** {@code {subjects: [{subject, grants}], any_subject, revision}}. */
  public static LookupSubjectsResult decodeSubjects(JsonNode n) {
    List<AuthorizedSubject> subjects = new ArrayList<>();
    for (JsonNode s : array(n, "subjects")) {
      List<Grant> grants = new ArrayList<>();
      for (JsonNode g : array(s, "grants")) {
        grants.add(GrantCodec.decodeAnswer(g));
      }
      subjects.add(new AuthorizedSubject(GrantCodec.subjectAnswer(object(s, "subject")), grants));
    }
    return new LookupSubjectsResult(subjects, bool(n, "any_subject"), integer(n, "revision"));
  }

  /** {@code {resource, tenant, users: {id: [{user, tenant, resource, role}]}}}. */
  public static AuthorizedUsers decodeAuthorizedUsers(JsonNode n) {
    Map<String, List<AuthorizedUsers.Assignment>> users = new LinkedHashMap<>();
    object(n, "users")
        .properties()
        .forEach(
            e -> {
              List<AuthorizedUsers.Assignment> assignments = new ArrayList<>();
              if (!e.getValue().isArray()) {
                throw WireException.malformed("`users." + e.getKey() + "` is not an array");
              }
              for (JsonNode a : e.getValue()) {
                assignments.add(
                    new AuthorizedUsers.Assignment(
                        text(a, "user"),
                        optionalText(a, "tenant"),
                        text(a, "resource"),
                        text(a, "role")));
              }
              users.put(e.getKey(), List.copyOf(assignments));
            });
    return new AuthorizedUsers(text(n, "resource"), optionalText(n, "tenant"), users);
  }

  /** {@code {grants, next_cursor, revision}}. */
  public static Page<Grant> decodePage(JsonNode n) {
    List<Grant> grants = new ArrayList<>();
    for (JsonNode g : array(n, "grants")) {
      grants.add(GrantCodec.decodeAnswer(g));
    }
    return new Page<>(grants, optionalText(n, "next_cursor"), integer(n, "revision"));
  }

  /** {@code {revision}}. */
  public static long decodeRevision(JsonNode n) {
    return integer(n, "revision");
  }

  /** A change from the watch stream. */
  public static Change decodeChange(JsonNode n) {
    String type = text(n, "type");
    long revision = integer(n, "revision");
    return switch (type) {
      case "grant_written" ->
          new Change.GrantWritten(revision, GrantCodec.decodeAnswer(object(n, "grant")));
      case "grant_deleted" ->
          new Change.GrantDeleted(revision, GrantCodec.decodeAnswer(object(n, "grant")));
      case "attributes_set" -> {
        Map<String, Object> attributes = new LinkedHashMap<>();
        object(n, "attributes")
            .properties()
            .forEach(e -> attributes.put(e.getKey(), Values.plain(e.getValue())));
        yield new Change.AttributesSet(
            revision, GrantCodec.entityAnswer(object(n, "entity")), attributes);
      }
      case "policy_activated" -> new Change.PolicyActivated(revision, integer(n, "version"));
      default -> throw WireException.malformed("unknown change type `" + type + "`");
    };
  }
}
