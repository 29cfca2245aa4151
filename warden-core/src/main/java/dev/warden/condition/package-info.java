/**
 * CEL expressions: type-checking attribute rules and conditions against declared attributes, and
 * evaluating them with no per-call parsing.
 *
 * <p>Attributes are bound as qualified CEL variables ({@code resource.is_public} is one variable of
 * the declared type), so CEL's own checker verifies attribute types. A variable without a value
 * evaluates to CEL's "unknown" rather than an error; that is how a missing attribute is reported by
 * name and turned into {@link dev.warden.model.Truth#UNKNOWN}.
 */
package dev.warden.condition;
