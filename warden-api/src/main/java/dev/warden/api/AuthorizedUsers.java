package dev.warden.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A subject lookup in the authorized-users shape of Permit.io's PDP, for drop-in compatibility:
 *
 * <pre>
 * {"resource":"repo:OPAL","tenant":"default","users":{"user1":[
 *   {"user":"user1","tenant":"default","resource":"repo:OPAL","role":"admin"},
 *   {"user":"user1","tenant":"default","resource":"__tenant:default","role":"admin"}]}}
 * </pre>
 *
 * Each assignment is a grant that gave the user access: on the resource itself (instance level,
 * listed first), on another object it inherits from, or on its tenant (tenant level, listed last as
 * {@code __tenant:<id>}).
 *
 * @param resource {@code type:id}, or {@code type:*} for a type-level lookup
 * @param tenant the tenant asked about, or null
 * @param users user id to assignments, sorted by user id
 */
public record AuthorizedUsers(String resource, String tenant, Map<String, List<Assignment>> users) {

  /** One role assignment that gave access. */
  public record Assignment(String user, String tenant, String resource, String role) {}

  /**
   * Converts a subject lookup.
   *
   * @param tenantType the type tenants have in the policy (grants on it are tenant level), or null
   */
  public static AuthorizedUsers of(
      LookupSubjectsRequest request, LookupSubjectsResult result, String tenantType) {
    String resource =
        request.resourceType() + ":" + (request.typeLevel() ? "*" : request.resourceId());
    Map<String, List<Assignment>> users = new LinkedHashMap<>();
    for (AuthorizedSubject s : result.subjects()) {
      List<Grant> grants = new ArrayList<>(s.grants());
      grants.sort(Comparator.comparingInt(g -> rank(g, request, tenantType)));
      List<Assignment> assignments = new ArrayList<>();
      for (Grant g : grants) {
        boolean tenantLevel = g.resource().type().equals(tenantType);
        String tenant = tenantLevel ? g.resource().id() : request.tenant();
        String on = tenantLevel ? "__tenant:" + g.resource().id() : g.resource().toString();
        assignments.add(new Assignment(s.subject().id(), tenant, on, g.relation()));
      }
      users.put(s.subject().id(), List.copyOf(assignments));
    }
    return new AuthorizedUsers(resource, request.tenant(), users);
  }

  private static int rank(Grant g, LookupSubjectsRequest request, String tenantType) {
    if (g.resource().type().equals(tenantType)) {
      return 2;
    }
    boolean self =
        g.resource().type().equals(request.resourceType())
            && g.resource().id().equals(request.resourceId());
    return self ? 0 : 1;
  }
}
