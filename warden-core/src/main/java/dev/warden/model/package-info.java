/**
 * The compiled policy: an immutable, syntax-independent intermediate representation.
 *
 * <p>The policy language front end ({@code dev.warden.lang}) compiles to these types, and the
 * engine consumes only these types, so another front end (an OpenFGA model importer, say) can
 * target the same model. Every instance is deeply immutable; the constructors verify the structural
 * invariants the engine relies on, and {@link dev.warden.model.validate.PolicyValidator} checks
 * what they cannot alone (names resolve, {@code on} can be followed, no rewrite cycle), for every
 * policy whichever front end built it. CEL is type-checked by the producer.
 */
package dev.warden.model;
