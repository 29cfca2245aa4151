package dev.warden.wire;

import static dev.warden.wire.Values.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.SubjectRef;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A grant, in requests and answers alike: {@code {resource: {type, id}, relation, subject: {type,
 * id, relation?}, condition?: {name, context}}}, or in a request its text form {@code
 * "Repository:gmail#admin@User:larry"}.
 */
public final class GrantCodec {

  private GrantCodec() {}

  /** The object form; a condition's context is always written, empty or not. */
  public static ObjectNode encode(Grant g) {
    ObjectNode n = NODES.objectNode();
    n.set("resource", entity(g.resource()));
    n.put("relation", g.relation());
    n.set("subject", subject(g.subject()));
    if (g.condition() != null) {
      ObjectNode c = n.putObject("condition");
      c.put("name", g.condition().name());
      c.set("context", Values.toJson(g.condition().context(), "condition.context"));
    }
    return n;
  }

  /** A grant in a request, strictly: either form; every problem names {@code path}. */
  public static Grant decode(JsonNode g, String path) {
    if (g.isTextual()) {
      return Grant.parse(g.textValue());
    }
    if (!g.isObject()) {
      throw WireException.invalid("`" + path + "` must be a grant object or its text form");
    }
    String p = path + ".";
    Fields.only(g, p, "resource", "relation", "subject", "condition");
    JsonNode r = Fields.object(g, "resource", p);
    Fields.only(r, p + "resource.", "type", "id");
    EntityRef resource = RequestCodec.decodeEntity(r, p + "resource.");
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

  /** A grant in an answer, leniently (fields it does not know are ignored). */
  public static Grant decodeAnswer(JsonNode n) {
    JsonNode c = n.get("condition");
    GrantCondition condition = null;
    if (c != null && !c.isNull()) {
      JsonNode context = c.get("context");
      Map<String, Object> values = new LinkedHashMap<>();
      if (context != null && !context.isNull()) {
        if (!context.isObject()) {
          throw WireException.malformed("`condition.context` is not an object");
        }
        context.properties().forEach(e -> values.put(e.getKey(), Values.plain(e.getValue())));
      }
      condition = new GrantCondition(AnswerFields.text(c, "name"), values);
    }
    return new Grant(
        entityAnswer(AnswerFields.object(n, "resource")),
        AnswerFields.text(n, "relation"),
        subjectAnswer(AnswerFields.object(n, "subject")),
        condition);
  }

  static ObjectNode entity(EntityRef e) {
    ObjectNode n = NODES.objectNode();
    n.put("type", e.type());
    n.put("id", e.id());
    return n;
  }

  static ObjectNode subject(SubjectRef s) {
    ObjectNode n = NODES.objectNode();
    n.put("type", s.type());
    n.put("id", s.id());
    if (s.relation() != null) {
      n.put("relation", s.relation());
    }
    return n;
  }

  static EntityRef entityAnswer(JsonNode n) {
    return new EntityRef(AnswerFields.text(n, "type"), AnswerFields.text(n, "id"));
  }

  static SubjectRef subjectAnswer(JsonNode n) {
    return new SubjectRef(
        AnswerFields.text(n, "type"),
        AnswerFields.text(n, "id"),
        AnswerFields.optionalText(n, "relation"));
  }
}
