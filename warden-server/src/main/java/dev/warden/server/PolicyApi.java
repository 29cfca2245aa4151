package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.Warden;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Call;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import dev.warden.wire.RequestCodec;
import java.util.List;

/**
 * {@code GET /v1/policy} (the active policy, a given version, and the list of versions) and {@code
 * PUT /v1/policy} (validate, or compile and activate a new version). Admin only; not tenant-scoped.
 */
final class PolicyApi implements Api {

  private final Warden warden;
  private final ObjectMapper json;
  private final PolicyVersions versions;

  PolicyApi(ApiContext api) {
    this.warden = api.warden();
    this.json = api.json();
    this.versions = api.versions();
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

  @Override
  public List<Route> routes() {
    return List.of(
        new Route("GET", "/v1/policy", Scope.ADMIN, false, this::getPolicy),
        new Route("PUT", "/v1/policy", Scope.ADMIN, true, this::putPolicy));
  }
}
