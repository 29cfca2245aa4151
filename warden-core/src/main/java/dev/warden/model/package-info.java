/**
 * The compiled policy: an immutable, syntax-independent intermediate representation.
 *
 * <p>The policy language front end ({@code dev.warden.lang}) compiles to these types, and the
 * engine consumes only these types, so another front end (an OpenFGA model importer, say) can
 * target the same model. Every instance is deeply immutable and validated by its producer:
 * constructing a model by hand skips the type checker, so the builders here still verify the
 * structural invariants the engine relies on.
 */
package dev.warden.model;
