/**
 * Imports SpiceDB schemas and relationships as Warden policy models and grants. What cannot be
 * carried over is refused with a diagnostic that points at the source; docs/import.md lists the
 * mapping and the refusals.
 */
package dev.warden.importer.spicedb;
