package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Call;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import dev.warden.wire.AnswerCodec;
import dev.warden.wire.RequestCodec;
import java.util.List;

/**
 * {@code POST /v1/lookup/resources} and {@code /v1/lookup/subjects} (also as authorized users):
 * which resources an actor may act on, which subjects may act on a resource. Confined to the
 * caller's tenant ({@link Tenancy}); answered on workers, since a lookup walks the index.
 */
final class LookupApi implements Api {

  private final ApiContext api;

  LookupApi(ApiContext api) {
    this.api = api;
  }

  Reply lookupResources(Call call) {
    LookupResourcesRequest r = call.decoded(RequestCodec::decodeLookupResources);
    DecisionClock.of(call.principal(), r.context(), "");
    String tenant = Tenancy.tenantFor(call.principal(), r.tenant());
    if (tenant != null && !tenant.equals(r.tenant())) {
      r = r.inTenant(tenant);
    }
    return Reply.ok(api.json(), AnswerCodec.encodeResources(api.warden().lookupResources(r)));
  }

  Reply lookupSubjects(Call call) {
    JsonNode body = call.jsonBody();
    LookupSubjectsRequest r = call.decoded(RequestCodec::decodeLookupSubjects);
    DecisionClock.of(call.principal(), r.context(), "");
    String tenant = Tenancy.tenantFor(call.principal(), r.tenant());
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
        if (r.subjectRelation() != null) {
          throw ApiError.invalid(
              "`format`: `authorized_users` lists users, not usersets; drop `subject_relation`"
                  + " or ask for `subjects`");
        }
        long revision = api.warden().revision();
        return Reply.ok(
            api.json(),
            AnswerCodec.encodeAuthorizedUsers(api.warden().authorizedUsers(r), revision));
      }
    }
    return Reply.ok(api.json(), AnswerCodec.encodeSubjects(api.warden().lookupSubjects(r)));
  }

  private static long awaitsResources(Call call) {
    return CheckApi.awaited(call.decoded(RequestCodec::decodeLookupResources).consistency());
  }

  private static long awaitsSubjects(Call call) {
    return CheckApi.awaited(call.decoded(RequestCodec::decodeLookupSubjects).consistency());
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.confined("POST", "/v1/lookup/resources", Scope.CHECK, true, this::lookupResources)
            .awaiting(LookupApi::awaitsResources),
        Route.confined("POST", "/v1/lookup/subjects", Scope.CHECK, true, this::lookupSubjects)
            .awaiting(LookupApi::awaitsSubjects));
  }
}
