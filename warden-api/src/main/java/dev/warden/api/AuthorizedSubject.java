package dev.warden.api;

import java.util.List;
import java.util.Objects;

/**
 * A subject that may act, with the grants that gave it access: grants whose subject is this
 * subject, or a userset or wildcard it belongs to, on the resource itself (instance level) or on
 * objects the policy inherits from, such as its tenant (tenant level).
 *
 * @param subject the subject
 * @param grants the grants on the paths that authorize it, in a stable order
 */
public record AuthorizedSubject(SubjectRef subject, List<Grant> grants) {
  public AuthorizedSubject {
    Objects.requireNonNull(subject, "subject");
    grants = List.copyOf(grants);
  }
}
