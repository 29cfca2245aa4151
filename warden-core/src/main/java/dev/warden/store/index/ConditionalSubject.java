package dev.warden.store.index;

import dev.warden.api.GrantCondition;

/**
 * A subject granted under a condition; kept apart from the unconditional subject arrays so the
 * common path never looks at conditions.
 *
 * @param code the subject code
 * @param condition the grant's condition
 */
public record ConditionalSubject(long code, GrantCondition condition) {}
