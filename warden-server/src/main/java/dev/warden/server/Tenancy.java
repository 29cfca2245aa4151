package dev.warden.server;

import dev.warden.api.CheckRequest;
import dev.warden.server.auth.Principal;
import dev.warden.server.http.ApiError;

/**
 * Tenant scoping for tenant-bound keys, for every route that admits them ({@link
 * dev.warden.server.http.Route#confined}): such a key is answered inside its tenant, and naming
 * another tenant is 403.
 */
final class Tenancy {

  private Tenancy() {}

  /** The check inside the caller's tenant: a tenant-bound key asks only about its tenant. */
  static CheckRequest scoped(CheckRequest r, Principal p) {
    String tenant = tenantFor(p, r.tenant());
    if (tenant == null || tenant.equals(r.tenant())) {
      return r;
    }
    return new CheckRequest(
        r.subject(),
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
}
