package dev.warden.audit;

import dev.warden.api.EntityRef;
import dev.warden.api.WardenException;
import java.time.Instant;
import java.util.Objects;

/**
 * A query of the audit log: every filter given must match; the answer is paged, newest first.
 *
 * @param actor only decisions for this actor, or null for any
 * @param resource only decisions on this resource, or null for any
 * @param allowed only allowed ({@code true}) or only denied ({@code false}) decisions, or null
 * @param from only decisions made at or after this time, or null
 * @param to only decisions made before this time, or null
 * @param limit at most this many entries a page, 1 to {@value #MAX_LIMIT}
 * @param cursor where the previous page ended, or null for the first page
 * @param tenant only decisions asked in this tenant, or null for any
 */
public record AuditQuery(
    EntityRef actor,
    EntityRef resource,
    Boolean allowed,
    Instant from,
    Instant to,
    int limit,
    String cursor,
    String tenant) {

  /** The page size when none is given. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page. */
  public static final int MAX_LIMIT = 1000;

  public AuditQuery {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw WardenException.invalid(
          "page limit must be between 1 and " + MAX_LIMIT + ", not " + limit);
    }
    if (from != null && to != null && !from.isBefore(to)) {
      throw WardenException.invalid(
          "the time range is empty: `from` " + from + " is not before `to` " + to);
    }
    if (cursor != null) {
      Cursor.decode(cursor); // fails fast on a cursor this log never issued
    }
  }

  /** Every entry, newest first, in pages of {@value #DEFAULT_LIMIT}. */
  public static AuditQuery all() {
    return builder().build();
  }

  /** A builder with no filters. */
  public static Builder builder() {
    return new Builder();
  }

  /** This query continued after {@code nextCursor}. */
  public AuditQuery after(String nextCursor) {
    return new AuditQuery(
        actor,
        resource,
        allowed,
        from,
        to,
        limit,
        Objects.requireNonNull(nextCursor, "cursor"),
        tenant);
  }

  /** Builds an {@link AuditQuery}. */
  public static final class Builder {
    private EntityRef actor;
    private EntityRef resource;
    private Boolean allowed;
    private Instant from;
    private Instant to;
    private int limit = DEFAULT_LIMIT;
    private String cursor;
    private String tenant;

    private Builder() {}

    public Builder actor(EntityRef value) {
      this.actor = value;
      return this;
    }

    public Builder resource(EntityRef value) {
      this.resource = value;
      return this;
    }

    /** {@code true} for allowed decisions only, {@code false} for denied only. */
    public Builder allowed(Boolean value) {
      this.allowed = value;
      return this;
    }

    /** Decisions at or after this time. */
    public Builder from(Instant value) {
      this.from = value;
      return this;
    }

    /** Decisions before this time. */
    public Builder to(Instant value) {
      this.to = value;
      return this;
    }

    public Builder limit(int value) {
      this.limit = value;
      return this;
    }

    public Builder cursor(String value) {
      this.cursor = value;
      return this;
    }

    /** Decisions asked in this tenant only. */
    public Builder tenant(String value) {
      this.tenant = value;
      return this;
    }

    public AuditQuery build() {
      return new AuditQuery(actor, resource, allowed, from, to, limit, cursor, tenant);
    }
  }
}
