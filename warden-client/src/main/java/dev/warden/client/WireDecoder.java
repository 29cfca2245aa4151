package dev.warden.client;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.AuthorizedUsers;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.ExplainNode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Page;
import dev.warden.api.Residual;
import dev.warden.api.SubjectRef;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The server's answers as API values, equal to what the embedded engine returns for the same
 * question: integral JSON numbers become {@code Long} and others {@code Double}, as the server
 * reads them, so grant conditions compare equal. A missing or mistyped field is a {@link
 * MalformedAnswer}.
 */
final class WireDecoder {

  private WireDecoder() {}

  /** {@code {allowed, revision, decision_id}}. */
  static Decision decision(JsonNode n) {
    return new Decision(bool(n, "allowed"), integer(n, "revision"), optionalText(n, "decision_id"));
  }

  /** {@code {results: [decision...]}}. */
  static List<Decision> decisions(JsonNode n) {
    List<Decision> out = new ArrayList<>();
    for (JsonNode d : array(n, "results")) {
      out.add(decision(d));
    }
    return out;
  }

  /** A decision with {@code explanation}. */
  static Explanation explanation(JsonNode n) {
    return new Explanation(decision(n), node(object(n, "explanation")));
  }

  private static ExplainNode node(JsonNode n) {
    String kind = text(n, "kind");
    ExplainNode.Kind k;
    try {
      k = ExplainNode.Kind.valueOf(kind.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new MalformedAnswer("unknown explanation step kind `" + kind + "`");
    }
    List<ExplainNode> children = new ArrayList<>();
    for (JsonNode c : array(n, "children")) {
      children.add(node(c));
    }
    return new ExplainNode(
        k, text(n, "label"), text(n, "outcome"), optionalText(n, "reason"), children);
  }

  /** {@code {ids, next_cursor, revision, residual?: {cel, attribute_types}}}. */
  static LookupResourcesResult resources(JsonNode n) {
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
  static LookupSubjectsResult subjects(JsonNode n) {
    List<AuthorizedSubject> subjects = new ArrayList<>();
    for (JsonNode s : array(n, "subjects")) {
      List<Grant> grants = new ArrayList<>();
      for (JsonNode g : array(s, "grants")) {
        grants.add(grant(g));
      }
      subjects.add(new AuthorizedSubject(subject(object(s, "subject")), grants));
    }
    return new LookupSubjectsResult(subjects, bool(n, "any_subject"), integer(n, "revision"));
  }

  /** {@code {resource, tenant, users: {id: [{user, tenant, resource, role}]}}}. */
  static AuthorizedUsers authorizedUsers(JsonNode n) {
    Map<String, List<AuthorizedUsers.Assignment>> users = new LinkedHashMap<>();
    object(n, "users")
        .properties()
        .forEach(
            e -> {
              List<AuthorizedUsers.Assignment> assignments = new ArrayList<>();
              if (!e.getValue().isArray()) {
                throw new MalformedAnswer("`users." + e.getKey() + "` is not an array");
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
  static Page<Grant> page(JsonNode n) {
    List<Grant> grants = new ArrayList<>();
    for (JsonNode g : array(n, "grants")) {
      grants.add(grant(g));
    }
    return new Page<>(grants, optionalText(n, "next_cursor"), integer(n, "revision"));
  }

  /** {@code {revision}}. */
  static long revision(JsonNode n) {
    return integer(n, "revision");
  }

  /** {@code {version, sha256, activated_at, source, revision, versions?}}. */
  static PolicyInfo policy(JsonNode n) {
    List<PolicyVersionInfo> versions = new ArrayList<>();
    JsonNode all = n.get("versions");
    if (all != null && !all.isNull()) {
      for (JsonNode v : array(n, "versions")) {
        versions.add(version(v));
      }
    }
    return new PolicyInfo(version(n), text(n, "source"), integer(n, "revision"), versions);
  }

  private static PolicyVersionInfo version(JsonNode n) {
    String at = text(n, "activated_at");
    try {
      return new PolicyVersionInfo(
          Math.toIntExact(integer(n, "version")), text(n, "sha256"), Instant.parse(at));
    } catch (DateTimeParseException | ArithmeticException e) {
      throw new MalformedAnswer("`activated_at` `" + at + "` or `version` is out of shape");
    }
  }

  static Grant grant(JsonNode n) {
    JsonNode c = n.get("condition");
    GrantCondition condition = null;
    if (c != null && !c.isNull()) {
      JsonNode context = c.get("context");
      Map<String, Object> values = new LinkedHashMap<>();
      if (context != null && !context.isNull()) {
        if (!context.isObject()) {
          throw new MalformedAnswer("`condition.context` is not an object");
        }
        context.properties().forEach(e -> values.put(e.getKey(), plain(e.getValue())));
      }
      condition = new GrantCondition(text(c, "name"), values);
    }
    return new Grant(
        entity(object(n, "resource")),
        text(n, "relation"),
        subject(object(n, "subject")),
        condition);
  }

  private static EntityRef entity(JsonNode n) {
    return new EntityRef(text(n, "type"), text(n, "id"));
  }

  private static SubjectRef subject(JsonNode n) {
    return new SubjectRef(text(n, "type"), text(n, "id"), optionalText(n, "relation"));
  }

  /** JSON as plain Java values, typed as the server types them when it reads a request. */
  private static Object plain(JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isBoolean()) {
      return v.booleanValue();
    }
    if (v.isIntegralNumber()) {
      return v.canConvertToLong() ? (Object) v.longValue() : (Object) v.doubleValue();
    }
    if (v.isNumber()) {
      return v.doubleValue();
    }
    if (v.isArray()) {
      List<Object> list = new ArrayList<>(v.size());
      v.forEach(item -> list.add(plain(item)));
      return list;
    }
    if (v.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      v.properties().forEach(e -> m.put(e.getKey(), plain(e.getValue())));
      return m;
    }
    throw new MalformedAnswer("a stored value is null");
  }

  // ------------------------------------------------------------------ fields

  private static JsonNode object(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isObject()) {
      throw new MalformedAnswer("`" + field + "` is missing or not an object");
    }
    return v;
  }

  private static Iterable<JsonNode> array(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isArray()) {
      throw new MalformedAnswer("`" + field + "` is missing or not an array");
    }
    return v;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new MalformedAnswer("`" + field + "` is missing or not a string");
    }
    return v.textValue();
  }

  private static String optionalText(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    return textValue(v, field);
  }

  private static String textValue(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw new MalformedAnswer("`" + field + "` is not a string");
    }
    return v.textValue();
  }

  private static boolean bool(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isBoolean()) {
      throw new MalformedAnswer("`" + field + "` is missing or not true or false");
    }
    return v.booleanValue();
  }

  private static long integer(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
      throw new MalformedAnswer("`" + field + "` is missing or not a whole number");
    }
    return v.longValue();
  }
}
