package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.Explanation;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.Call;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import dev.warden.wire.AnswerCodec;
import dev.warden.wire.RequestCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * {@code POST /v1/check}, {@code /v1/check/bulk} and {@code /v1/explain}: each parses its body
 * ({@link RequestCodec}), confines it to the caller's tenant ({@link Tenancy}) and clock ({@link
 * DecisionClock}), asks the engine, records the decisions ({@link Decisions}) and writes the answer
 * ({@link AnswerCodec}).
 */
final class CheckApi implements Api {

  private final ApiContext api;

  CheckApi(ApiContext api) {
    this.api = api;
  }

  Reply check(Call call) {
    CheckRequest r = Tenancy.scoped(call.decoded(CheckApi::decodeCheck), call.principal());
    DecisionClock.of(call.principal(), r.context(), "");
    List<CompletableFuture<Void>> commits = new ArrayList<>(1);
    Decision d = api.decisions().authorizer(api.warden(), call.principal(), commits).check(r);
    api.decisions().counted(d);
    return Decisions.held(Reply.ok(api.json(), AnswerCodec.encodeDecision(d)), commits);
  }

  Reply bulk(Call call) {
    List<CheckRequest> rs = new ArrayList<>();
    for (CheckRequest r : call.decoded(RequestCodec::decodeBulk)) {
      CheckRequest s = Tenancy.scoped(r, call.principal());
      DecisionClock.of(call.principal(), s.context(), "checks[" + rs.size() + "].");
      rs.add(s);
    }
    List<CompletableFuture<Void>> commits = new ArrayList<>(rs.size());
    List<Decision> ds =
        api.decisions().authorizer(api.warden(), call.principal(), commits).checkBulk(rs);
    ds.forEach(api.decisions()::counted);
    return Decisions.held(Reply.ok(api.json(), AnswerCodec.encodeBulk(ds)), commits);
  }

  Reply explain(Call call) {
    CheckRequest r = Tenancy.scoped(call.decoded(CheckApi::decodeCheck), call.principal());
    DecisionClock clock = DecisionClock.of(call.principal(), r.context(), "");
    List<CompletableFuture<Void>> commits = new ArrayList<>(1);
    Explanation e = api.decisions().authorizer(api.warden(), call.principal(), commits).explain(r);
    api.decisions().counted(e.decision());
    ObjectNode n = AnswerCodec.encodeExplanation(e);
    n.put("clock", clock.wireName());
    return Decisions.held(Reply.ok(api.json(), n), commits);
  }

  private static CheckRequest decodeCheck(JsonNode body) {
    return RequestCodec.decodeCheck(body, "");
  }

  /** The revision a consistency asks for; 0 for {@code latest}. */
  static long awaited(Consistency c) {
    return c instanceof Consistency.AtLeast at ? at.revision() : 0;
  }

  private static long awaitsCheck(Call call) {
    return awaited(call.decoded(CheckApi::decodeCheck).consistency());
  }

  private static long awaitsBulk(Call call) {
    long most = 0;
    for (CheckRequest r : call.decoded(RequestCodec::decodeBulk)) {
      most = Math.max(most, awaited(r.consistency()));
    }
    return most;
  }

  /** Tenant-bound keys may call them: each check is confined to the caller's tenant. */
  @Override
  public List<Route> routes() {
    return List.of(
        Route.confined("POST", "/v1/check", Scope.CHECK, false, this::check)
            .awaiting(CheckApi::awaitsCheck),
        Route.confined("POST", "/v1/check/bulk", Scope.CHECK, true, this::bulk)
            .awaiting(CheckApi::awaitsBulk),
        Route.confined("POST", "/v1/explain", Scope.CHECK, false, this::explain)
            .awaiting(CheckApi::awaitsCheck));
  }
}
