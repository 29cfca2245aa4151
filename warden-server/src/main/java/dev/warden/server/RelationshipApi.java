package dev.warden.server;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.Page;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.Call;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import dev.warden.wire.AnswerCodec;
import dev.warden.wire.ReadRequest;
import dev.warden.wire.RequestCodec;
import java.util.List;
import java.util.Map;

/**
 * The data decisions are made from: grants ({@code POST /v1/relationships/write}, {@code read},
 * {@code delete}) and entity attributes ({@code PUT /v1/entities/{type}/{id}}). Not tenant-scoped,
 * so tenant-bound keys are refused; answered on workers, since they go to the store.
 */
final class RelationshipApi implements Api {

  private final ApiContext api;

  RelationshipApi(ApiContext api) {
    this.api = api;
  }

  Reply writeRelationships(Call call) {
    return Reply.ok(
        api.json(),
        AnswerCodec.encodeRevision(api.warden().write(RequestCodec.decodeWrite(call.jsonBody()))));
  }

  Reply deleteRelationships(Call call) {
    return Reply.ok(
        api.json(),
        AnswerCodec.encodeRevision(api.warden().write(RequestCodec.decodeDelete(call.jsonBody()))));
  }

  Reply readRelationships(Call call) {
    ReadRequest r = RequestCodec.decodeRead(call.jsonBody());
    Page<Grant> page = api.warden().store().read(r.filter(), r.cursor(), r.limit());
    return Reply.ok(api.json(), AnswerCodec.encodePage(page));
  }

  Reply putEntity(Call call) {
    EntityRef entity = EntityRef.of(call.pathParam("type"), call.pathParam("id"));
    Map<String, Object> attributes = RequestCodec.decodeAttributes(call.jsonBody());
    return Reply.ok(
        api.json(), AnswerCodec.encodeRevision(api.warden().setAttributes(entity, attributes)));
  }

  @Override
  public List<Route> routes() {
    return List.of(
        new Route("POST", "/v1/relationships/write", Scope.WRITE, true, this::writeRelationships),
        new Route("POST", "/v1/relationships/read", Scope.WRITE, true, this::readRelationships),
        new Route("POST", "/v1/relationships/delete", Scope.WRITE, true, this::deleteRelationships),
        new Route("PUT", "/v1/entities/{type}/{id}", Scope.WRITE, true, this::putEntity));
  }
}
