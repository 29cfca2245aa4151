/**
 * Imports OpenFGA authorization models (DSL, schema 1.1) as Warden policy models. What cannot be
 * carried over is refused with a diagnostic that points at the source; docs/import.md lists the
 * mapping and the refusals.
 */
package dev.warden.importer.openfga;
