package dev.warden.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.warden.api.Authorizer;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.WardenException;
import java.util.List;
import java.util.Map;

/**
 * The execution-time check of one tool call for one user: {@code use} on {@code Tool:<name>}, then
 * every resource access the arguments name. Each decision is audited. Fails closed: an error while
 * deciding refuses the call.
 */
final class ToolGate {

  private final Authorizer authorizer;
  private final ToolAudit audit;
  private final String toolType;
  private final EntityRef user;
  private final Map<String, Object> userAttributes;

  ToolGate(
      Authorizer authorizer,
      ToolAudit audit,
      String toolType,
      EntityRef user,
      Map<String, Object> userAttributes) {
    this.authorizer = authorizer;
    this.audit = audit;
    this.toolType = toolType;
    this.user = user;
    this.userAttributes = userAttributes;
  }

  /** The refusal every denied call answers, naming the user. */
  String denial() {
    return AuthorizedTools.denialMessage(user);
  }

  /** True when the call may run. */
  boolean allows(ToolExecutionRequest request, ToolResources resources) {
    EntityRef tool;
    try {
      tool = EntityRef.of(toolType, request.name());
    } catch (WardenException e) {
      return false;
    }
    if (!decide(AuthorizedTools.USE, tool, "tool")) {
      return false;
    }
    List<ResourceAccess> accesses;
    long start = System.nanoTime();
    try {
      accesses = resources.of(request);
    } catch (WardenException e) {
      audit.record(user, AuthorizedTools.USE, tool, null, "invalid tool arguments", start);
      return false;
    }
    for (ResourceAccess a : accesses) {
      if (!decide(a.action(), a.resource(), "resource")) {
        return false;
      }
    }
    return true;
  }

  /** Audits a call to a tool that was never registered, which is always refused. */
  void refuseUnknown(ToolExecutionRequest request) {
    long start = System.nanoTime();
    EntityRef tool;
    try {
      tool = EntityRef.of(toolType, request.name());
    } catch (WardenException e) {
      tool = EntityRef.of(toolType, "invalid-tool-name");
    }
    audit.record(user, AuthorizedTools.USE, tool, null, "unknown tool", start);
  }

  private boolean decide(String action, EntityRef resource, String what) {
    long start = System.nanoTime();
    Decision d;
    try {
      d =
          authorizer.check(
              CheckRequest.builder(user, action, resource).actorAttributes(userAttributes).build());
    } catch (WardenException e) {
      audit.record(user, action, resource, null, what + " check failed: " + e.getMessage(), start);
      return false;
    }
    audit.record(
        user, action, resource, d, d.allowed() ? "granted" : what + " not authorized", start);
    return d.allowed();
  }
}
