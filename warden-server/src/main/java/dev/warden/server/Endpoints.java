package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionIds;
import dev.warden.api.EntityRef;
import dev.warden.api.Explanation;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.Page;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.server.auth.Principal;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Call;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import dev.warden.wire.AnswerCodec;
import dev.warden.wire.ReadRequest;
import dev.warden.wire.RequestCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * The v1 API: each endpoint parses its body ({@link RequestCodec}), enforces the caller's tenant
 * and clock ({@link DecisionClock}), asks the {@link Warden} facade and writes the answer ({@link
 * AnswerCodec}). The route table at the bottom is the single list of what the server serves and of
 * which routes tenant-bound keys may call ({@link Route#admit}); the OpenAPI test compares it with
 * {@code openapi.json}.
 */
final class Endpoints {

  private final Warden warden;
  private final ObjectMapper json;
  private final PolicyVersions versions;
  private final DecisionRecorder recorder;
  private final ServerMetrics metrics;

  Endpoints(
      Warden warden,
      ObjectMapper json,
      PolicyVersions versions,
      DecisionRecorder recorder,
      ServerMetrics metrics) {
    this.warden = warden;
    this.json = json;
    this.versions = versions;
    this.recorder = recorder;
    this.metrics = metrics;
  }

  Reply check(Call call) {
    CheckRequest r = scoped(RequestCodec.decodeCheck(call.jsonBody(), ""), call.principal());
    DecisionClock.of(call.principal(), r.context(), "");
    long start = System.nanoTime();
    List<CompletableFuture<Void>> commits = new ArrayList<>(1);
    Decision d = decided(r, warden.check(r), start, call.principal(), commits);
    return held(Reply.ok(json, AnswerCodec.encodeDecision(d)), commits);
  }

  Reply bulk(Call call) {
    List<CheckRequest> rs = new ArrayList<>();
    for (CheckRequest r : RequestCodec.decodeBulk(call.jsonBody())) {
      CheckRequest s = scoped(r, call.principal());
      DecisionClock.of(call.principal(), s.context(), "checks[" + rs.size() + "].");
      rs.add(s);
    }
    long start = System.nanoTime();
    List<Decision> ds = warden.checkBulk(rs);
    List<Decision> recorded = new ArrayList<>(ds.size());
    List<CompletableFuture<Void>> commits = new ArrayList<>(ds.size());
    for (int i = 0; i < ds.size(); i++) {
      recorded.add(decided(rs.get(i), ds.get(i), start, call.principal(), commits));
    }
    return held(Reply.ok(json, AnswerCodec.encodeBulk(recorded)), commits);
  }

  Reply explain(Call call) {
    CheckRequest r = scoped(RequestCodec.decodeCheck(call.jsonBody(), ""), call.principal());
    DecisionClock clock = DecisionClock.of(call.principal(), r.context(), "");
    long start = System.nanoTime();
    Explanation e = warden.explain(r);
    List<CompletableFuture<Void>> commits = new ArrayList<>(1);
    Decision d = decided(r, e.decision(), start, call.principal(), commits);
    ObjectNode n = AnswerCodec.encodeExplanation(new Explanation(d, e.root()));
    n.put("clock", clock.wireName());
    return held(Reply.ok(json, n), commits);
  }

  Reply lookupResources(Call call) {
    LookupResourcesRequest r = RequestCodec.decodeLookupResources(call.jsonBody());
    DecisionClock.of(call.principal(), r.context(), "");
    String tenant = tenantFor(call.principal(), r.tenant());
    if (tenant != null && !tenant.equals(r.tenant())) {
      r = r.inTenant(tenant);
    }
    return Reply.ok(json, AnswerCodec.encodeResources(warden.lookupResources(r)));
  }

  Reply lookupSubjects(Call call) {
    JsonNode body = call.jsonBody();
    LookupSubjectsRequest r = RequestCodec.decodeLookupSubjects(body);
    DecisionClock.of(call.principal(), r.context(), "");
    String tenant = tenantFor(call.principal(), r.tenant());
    if (tenant != null && !tenant.equals(r.tenant())) {
      r = r.inTenant(tenant);
    }
    JsonNode format = body.get("format");
    if (format != null && !format.isNull()) {
      if (!format.isTextual()
          || !List.of("subjects", "authorized_users").contains(format.asText())) {
        throw ApiError.invalid("`format` must be `subjects` or `authorized_users`");
      }
      if (format.asText().equals("authorized_users")) {
        long revision = warden.revision();
        return Reply.ok(
            json, AnswerCodec.encodeAuthorizedUsers(warden.authorizedUsers(r), revision));
      }
    }
    return Reply.ok(json, AnswerCodec.encodeSubjects(warden.lookupSubjects(r)));
  }

  Reply writeRelationships(Call call) {
    return Reply.ok(
        json, AnswerCodec.encodeRevision(warden.write(RequestCodec.decodeWrite(call.jsonBody()))));
  }

  Reply deleteRelationships(Call call) {
    return Reply.ok(
        json, AnswerCodec.encodeRevision(warden.write(RequestCodec.decodeDelete(call.jsonBody()))));
  }

  Reply readRelationships(Call call) {
    ReadRequest r = RequestCodec.decodeRead(call.jsonBody());
    Page<dev.warden.api.Grant> page = warden.store().read(r.filter(), r.cursor(), r.limit());
    return Reply.ok(json, AnswerCodec.encodePage(page));
  }

  Reply putEntity(Call call) {
    EntityRef entity = EntityRef.of(call.pathParam("type"), call.pathParam("id"));
    Map<String, Object> attributes = RequestCodec.decodeAttributes(call.jsonBody());
    return Reply.ok(json, AnswerCodec.encodeRevision(warden.setAttributes(entity, attributes)));
  }

  Reply getPolicy(Call call) {
    String v = call.request().getParam("version");
    PolicyVersion pv;
    if (v == null) {
      pv = versions.current().orElseThrow(() -> new ApiError(404, "not_found", "no policy yet"));
    } else {
      int n;
      try {
        n = Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw ApiError.invalid("`version` must be a whole number");
      }
      pv =
          versions
              .get(n)
              .orElseThrow(() -> new ApiError(404, "not_found", "no policy version " + n));
    }
    ObjectNode n = policyNode(pv);
    ArrayNode all = n.putArray("versions");
    for (PolicyVersion each : versions.all()) {
      ObjectNode item = all.addObject();
      item.put("version", each.version());
      item.put("sha256", each.sha256());
      item.put("activated_at", each.activatedAt().toString());
    }
    return Reply.ok(json, n);
  }

  Reply putPolicy(Call call) {
    JsonNode body = call.jsonBody();
    RequestCodec.only(body, "", "source", "validate_only");
    JsonNode source = body.get("source");
    if (source == null || !source.isTextual()) {
      throw ApiError.invalid("`source` is required and must be a string (the policy text)");
    }
    JsonNode dry = body.get("validate_only");
    if (dry != null && !dry.isBoolean()) {
      throw ApiError.invalid("`validate_only` must be true or false");
    }
    Policy policy =
        PolicyCompiler.compile(new SourceFile("policy", source.asText())).policyOrThrow();
    // validate_only answers what activating would: an empty policy is not valid to activate
    Warden.requireActivatable(policy);
    if (dry != null && dry.booleanValue()) {
      ObjectNode n = json.createObjectNode();
      n.put("valid", true);
      n.put("activated", false);
      n.put("revision", warden.revision());
      return Reply.ok(json, n);
    }
    synchronized (versions) {
      PolicyVersion pv = versions.activate(source.asText(), policy);
      ObjectNode n = policyNode(pv);
      n.put("activated", true);
      return Reply.ok(json, n);
    }
  }

  private ObjectNode policyNode(PolicyVersion pv) {
    ObjectNode n = json.createObjectNode();
    n.put("version", pv.version());
    n.put("sha256", pv.sha256());
    n.put("activated_at", pv.activatedAt().toString());
    n.put("source", pv.source());
    n.put("revision", warden.revision());
    return n;
  }

  /**
   * Records a decision made for an HTTP caller, with the caller's key id. Never waits: this runs on
   * an event loop. A decision the audit log cannot take now is not answered (fail closed): 503
   * {@code audit_busy}, which the server sends with {@code Retry-After}. In durable mode the
   * record's commit is added to {@code commits}, which the answer is then held for.
   */
  private Decision decided(
      CheckRequest r,
      Decision d,
      long startNanos,
      Principal p,
      List<CompletableFuture<Void>> commits) {
    if (!recorder.records()) {
      metrics.decision(d.allowed());
      return d;
    }
    Decision withId = d.withDecisionId(DecisionIds.next());
    String version = versions.current().map(v -> Integer.toString(v.version())).orElse(null);
    CompletableFuture<Void> commit =
        recorder.record(DecisionEvent.ofCheck(r, withId, startNanos, version, p.keyId(), "http"));
    if (commit != null) {
      commits.add(commit);
    }
    metrics.decision(d.allowed());
    return withId;
  }

  /** The reply, held until every record in {@code commits} is committed (durable audit). */
  private static Reply held(Reply reply, List<CompletableFuture<Void>> commits) {
    return switch (commits.size()) {
      case 0 -> reply;
      case 1 -> reply.after(commits.get(0));
      default -> reply.after(CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)));
    };
  }

  /** The check inside the caller's tenant: a tenant-bound key asks only about its tenant. */
  private static CheckRequest scoped(CheckRequest r, Principal p) {
    String tenant = tenantFor(p, r.tenant());
    if (tenant == null || tenant.equals(r.tenant())) {
      return r;
    }
    return new CheckRequest(
        r.actor(),
        r.action(),
        r.resource(),
        tenant,
        r.actorAttributes(),
        r.resourceAttributes(),
        r.context(),
        r.contextualGrants(),
        r.consistency());
  }

  /** The tenant a request is answered in; 403 when a bound key names another tenant. */
  static String tenantFor(Principal p, String requested) {
    if (p.tenant() == null) {
      return requested;
    }
    if (requested != null && !requested.equals(p.tenant())) {
      throw new ApiError(
          403,
          "forbidden",
          "this key is bound to tenant `"
              + p.tenant()
              + "` and cannot ask about `"
              + requested
              + "`");
    }
    return p.tenant();
  }

  /**
   * Every route but the ones the server itself owns (health, metrics, watch, openapi). Checks and
   * lookups are {@link Route#confined confined}: a tenant-bound key is answered inside its tenant.
   * Grants, entities and the policy are not tenant-scoped, so bound keys are refused there.
   */
  List<Route> routes() {
    return List.of(
        Route.confined("POST", "/v1/check", Scope.CHECK, false, this::check),
        Route.confined("POST", "/v1/check/bulk", Scope.CHECK, true, this::bulk),
        Route.confined("POST", "/v1/explain", Scope.CHECK, false, this::explain),
        Route.confined("POST", "/v1/lookup/resources", Scope.CHECK, true, this::lookupResources),
        Route.confined("POST", "/v1/lookup/subjects", Scope.CHECK, true, this::lookupSubjects),
        new Route("POST", "/v1/relationships/write", Scope.WRITE, true, this::writeRelationships),
        new Route("POST", "/v1/relationships/read", Scope.WRITE, true, this::readRelationships),
        new Route("POST", "/v1/relationships/delete", Scope.WRITE, true, this::deleteRelationships),
        new Route("PUT", "/v1/entities/{type}/{id}", Scope.WRITE, true, this::putEntity),
        new Route("GET", "/v1/policy", Scope.ADMIN, false, this::getPolicy),
        new Route("PUT", "/v1/policy", Scope.ADMIN, true, this::putPolicy));
  }
}
