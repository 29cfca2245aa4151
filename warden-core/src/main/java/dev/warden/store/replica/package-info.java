/**
 * Keeping an in-memory {@link dev.warden.store.index.RelationshipIndex} current with a store that
 * does not keep one itself (SQLite, PostgreSQL): bulk load, then tail the changelog.
 */
package dev.warden.store.replica;
