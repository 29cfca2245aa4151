package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.warden.api.EntityRef;
import dev.warden.audit.AuditEntry;
import dev.warden.audit.AuditPage;
import dev.warden.audit.AuditQuery;
import dev.warden.audit.AuditStore;
import dev.warden.audit.ChainBreak;
import dev.warden.audit.VerifyReport;
import dev.warden.server.auth.Scope;
import dev.warden.server.http.ApiError;
import dev.warden.server.http.Call;
import dev.warden.server.http.Reply;
import dev.warden.server.http.Route;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /v1/audit} (the recorded decisions, newest first, paged) and {@code GET
 * /v1/audit/verify} (the hash chain checked end to end). Both need an admin key; both answer 404
 * when the server runs with auditing off.
 *
 * <p>A tenant-bound admin key reads only the entries of its tenant: the audit store filters on the
 * entry's {@code tenant} (a {@code tenant} parameter naming another is 403). It cannot verify: the
 * chain spans every tenant, and its counts and head hash would tell it about the others' activity.
 */
final class AuditApi implements Api {

  private final Optional<AuditStore> store;
  private final ObjectMapper json;

  AuditApi(Optional<AuditStore> store, ObjectMapper json) {
    this.store = store;
    this.json = json;
  }

  Reply query(Call call) {
    AuditStore s = store();
    AuditQuery.Builder q = AuditQuery.builder();
    String tenant = Tenancy.tenantFor(call.principal(), call.request().getParam("tenant"));
    if (tenant != null) {
      q.tenant(tenant);
    }
    String actor = call.request().getParam("actor");
    if (actor != null) {
      q.actor(entity("actor", actor));
    }
    String resource = call.request().getParam("resource");
    if (resource != null) {
      q.resource(entity("resource", resource));
    }
    String allowed = call.request().getParam("allowed");
    if (allowed != null) {
      if (!allowed.equals("true") && !allowed.equals("false")) {
        throw ApiError.invalid("`allowed` must be true or false, not `" + allowed + "`");
      }
      q.allowed(Boolean.valueOf(allowed));
    }
    String from = call.request().getParam("from");
    if (from != null) {
      q.from(instant("from", from));
    }
    String to = call.request().getParam("to");
    if (to != null) {
      q.to(instant("to", to));
    }
    String limit = call.request().getParam("limit");
    if (limit != null) {
      try {
        q.limit(Integer.parseInt(limit));
      } catch (NumberFormatException e) {
        throw ApiError.invalid("`limit` must be a whole number, not `" + limit + "`");
      }
    }
    String cursor = call.request().getParam("cursor");
    if (cursor != null) {
      q.cursor(cursor);
    }
    AuditPage page = s.query(q.build());
    ObjectNode n = json.createObjectNode();
    ArrayNode entries = n.putArray("entries");
    for (AuditEntry e : page.entries()) {
      entries.add(parse(e.toJson()));
    }
    n.put("next_cursor", page.nextCursor().orElse(null));
    return Reply.ok(json, n);
  }

  Reply verify(Call call) {
    VerifyReport r = store().verify();
    ObjectNode n = json.createObjectNode();
    n.put("intact", r.intact());
    n.put("checked", r.checked());
    n.put("head_seq", r.headSeq());
    n.put("head_hash", r.headHash());
    if (r.firstBreak().isPresent()) {
      ChainBreak b = r.firstBreak().get();
      ObjectNode fb = n.putObject("first_break");
      fb.put("seq", b.seq());
      fb.put("kind", b.kind().label());
      fb.put("detail", b.detail());
    } else {
      n.putNull("first_break");
    }
    return Reply.ok(json, n);
  }

  private AuditStore store() {
    return store.orElseThrow(
        () -> new ApiError(404, "not_found", "auditing is off on this server (`audit: on`)"));
  }

  private JsonNode parse(String entry) {
    try {
      return json.readTree(entry);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static EntityRef entity(String param, String text) {
    try {
      return EntityRef.parse(text);
    } catch (dev.warden.api.WardenException e) {
      throw ApiError.invalid("`" + param + "` must be Type:id, not `" + text + "`");
    }
  }

  /** The instants a filter may name: what every store can compare, with years of four digits. */
  private static final Instant EARLIEST = Instant.parse("0000-01-01T00:00:00Z");

  private static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

  private static Instant instant(String param, String text) {
    try {
      Instant at = Instant.parse(text);
      if (at.isBefore(EARLIEST) || at.isAfter(LATEST)) {
        throw ApiError.invalid(
            "`"
                + param
                + "` must be between "
                + EARLIEST
                + " and "
                + LATEST
                + ", not `"
                + text
                + "`");
      }
      return at;
    } catch (DateTimeParseException e) {
      throw ApiError.invalid(
          "`"
              + param
              + "` must be an ISO-8601 instant such as 2026-01-31T12:00:00Z, not `"
              + text
              + "`");
    }
  }

  @Override
  public List<Route> routes() {
    return List.of(
        Route.confined("GET", "/v1/audit", Scope.ADMIN, true, this::query),
        new Route("GET", "/v1/audit/verify", Scope.ADMIN, true, this::verify));
  }
}
