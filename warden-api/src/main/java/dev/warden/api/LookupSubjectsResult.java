package dev.warden.api;

import java.util.List;

/**
 * The authorized subjects of a resource.
 *
 * @param subjects every known subject of the requested type that may act, sorted by id
 * @param anySubject true when a subject unknown to Warden (no grants, no attributes) would be
 *     allowed too, because of a wildcard grant or a rule that does not depend on the actor
 * @param revision the data revision the answer was computed at
 */
public record LookupSubjectsResult(
    List<AuthorizedSubject> subjects, boolean anySubject, long revision) {
  public LookupSubjectsResult {
    subjects = List.copyOf(subjects);
  }
}
