package dev.warden.api;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * "May {@code subject} do {@code action} on {@code resource}?", with what the caller knows at
 * request time: just-in-time attributes of the actor and resource (overriding stored ones), a
 * context for CEL rules and conditions, and contextual grants that hold for this request only.
 *
 * <p>The subject is usually an entity (the actor). It may also be a userset ({@code
 * Group:eng#member}: "may every member, as such, do it?", true when the userset itself is granted,
 * directly or through nested usersets, or is the relation asked about) or a wildcard ({@code
 * User:*}: true only through grants to the wildcard). Such a subject has no attributes, so
 * attribute rules over {@code actor} never allow it on their own. See docs/engine.md.
 *
 * @param subject who acts: an entity, a userset or a wildcard
 * @param action a permission, role or relation of the resource's type
 * @param resource what is acted on
 * @param tenant the tenant the caller believes the resource belongs to, or null (see
 *     docs/tenants.md): a resource recorded in another tenant is denied
 * @param actorAttributes just-in-time actor attributes, merged over stored ones
 * @param resourceAttributes just-in-time resource attributes, merged over stored ones
 * @param context request context, visible to rules and conditions as {@code context}
 * @param contextualGrants grants that hold for this request only; never stored
 * @param consistency how fresh the data must be
 */
public record CheckRequest(
    SubjectRef subject,
    String action,
    EntityRef resource,
    String tenant,
    Map<String, Object> actorAttributes,
    Map<String, Object> resourceAttributes,
    Map<String, Object> context,
    List<Grant> contextualGrants,
    Consistency consistency) {

  public CheckRequest {
    Objects.requireNonNull(subject, "subject");
    Names.requireName(action, "action");
    Objects.requireNonNull(resource, "resource");
    if (tenant != null) {
      Names.requireId(tenant, "tenant");
    }
    actorAttributes = copy(actorAttributes);
    resourceAttributes = copy(resourceAttributes);
    context = copy(context);
    contextualGrants = List.copyOf(contextualGrants);
    Objects.requireNonNull(consistency, "consistency");
    requireNoAttributes(subject, actorAttributes);
  }

  /** A check whose subject is an entity, as before subjects could be usersets. */
  public CheckRequest(
      EntityRef actor,
      String action,
      EntityRef resource,
      String tenant,
      Map<String, Object> actorAttributes,
      Map<String, Object> resourceAttributes,
      Map<String, Object> context,
      List<Grant> contextualGrants,
      Consistency consistency) {
    this(
        SubjectRef.of(Objects.requireNonNull(actor, "actor")),
        action,
        resource,
        tenant,
        actorAttributes,
        resourceAttributes,
        context,
        contextualGrants,
        consistency);
  }

  /**
   * The acting entity.
   *
   * @throws IllegalStateException when the subject is a userset or a wildcard: read {@link
   *     #subject()} instead
   */
  public EntityRef actor() {
    return actorOf(subject);
  }

  /** True when the subject is an entity rather than a userset or a wildcard. */
  public boolean entityActor() {
    return !subject.isUserset() && !subject.isWildcard();
  }

  static EntityRef actorOf(SubjectRef subject) {
    if (subject.isUserset() || subject.isWildcard()) {
      throw new IllegalStateException(
          "the subject `" + subject + "` is not an entity; read subject() instead");
    }
    return subject.entity();
  }

  static void requireNoAttributes(SubjectRef subject, Map<String, Object> attributes) {
    if (!attributes.isEmpty() && (subject.isUserset() || subject.isWildcard())) {
      throw WardenException.invalid(
          "the subject `"
              + subject
              + "` is a "
              + (subject.isWildcard() ? "wildcard" : "userset")
              + ", which has no attributes; send actor attributes only for an entity");
    }
  }

  /** A plain check with nothing known at request time. */
  public static CheckRequest of(EntityRef actor, String action, EntityRef resource) {
    return builder(actor, action, resource).build();
  }

  /** Parses {@code User:larry}, {@code read}, {@code Repository:gmail}. */
  public static CheckRequest of(String actor, String action, String resource) {
    return of(EntityRef.parse(actor), action, EntityRef.parse(resource));
  }

  /** A plain check for any subject: an entity, a userset or a wildcard. */
  public static CheckRequest of(SubjectRef subject, String action, EntityRef resource) {
    return builder(subject, action, resource).build();
  }

  /** A builder for a check with request-time data. */
  public static Builder builder(EntityRef actor, String action, EntityRef resource) {
    return new Builder(SubjectRef.of(Objects.requireNonNull(actor, "actor")), action, resource);
  }

  /** A builder for a check whose subject may be a userset or a wildcard. */
  public static Builder builder(SubjectRef subject, String action, EntityRef resource) {
    return new Builder(subject, action, resource);
  }

  private static Map<String, Object> copy(Map<String, Object> m) {
    return m == null || m.isEmpty()
        ? Map.of()
        : Collections.unmodifiableMap(new LinkedHashMap<>(m));
  }

  @Override
  public String toString() {
    return subject + " " + action + " " + resource;
  }

  /** Builds a {@link CheckRequest}. */
  public static final class Builder {
    private final SubjectRef subject;
    private final String action;
    private final EntityRef resource;
    private final Map<String, Object> actorAttributes = new LinkedHashMap<>();
    private final Map<String, Object> resourceAttributes = new LinkedHashMap<>();
    private final Map<String, Object> context = new LinkedHashMap<>();
    private final List<Grant> contextualGrants = new ArrayList<>();
    private Consistency consistency = Consistency.latest();
    private String tenant;

    private Builder(SubjectRef subject, String action, EntityRef resource) {
      this.subject = subject;
      this.action = action;
      this.resource = resource;
    }

    /** The tenant the resource belongs to. */
    public Builder tenant(String tenantId) {
      tenant = tenantId;
      return this;
    }

    /** Adds just-in-time actor attributes. */
    public Builder actorAttributes(Map<String, ?> attributes) {
      actorAttributes.putAll(attributes);
      return this;
    }

    /** Adds just-in-time resource attributes. */
    public Builder resourceAttributes(Map<String, ?> attributes) {
      resourceAttributes.putAll(attributes);
      return this;
    }

    /** Adds request context entries. */
    public Builder context(Map<String, ?> entries) {
      context.putAll(entries);
      return this;
    }

    /** Adds a grant that holds for this request only. */
    public Builder contextualGrant(Grant grant) {
      contextualGrants.add(Objects.requireNonNull(grant, "grant"));
      return this;
    }

    /** Sets the consistency requirement. */
    public Builder consistency(Consistency value) {
      consistency = Objects.requireNonNull(value, "consistency");
      return this;
    }

    /** The request. */
    public CheckRequest build() {
      return new CheckRequest(
          subject,
          action,
          resource,
          tenant,
          actorAttributes,
          resourceAttributes,
          context,
          contextualGrants,
          consistency);
    }
  }
}
