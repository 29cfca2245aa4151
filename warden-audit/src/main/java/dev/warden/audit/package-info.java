/**
 * The tamper-evident decision audit log.
 *
 * <p>{@link dev.warden.audit.AuditLog} is a {@link dev.warden.api.DecisionLog}: checks hand it
 * decisions, a bounded queue holds them, and one writer thread appends them in batches to an {@link
 * dev.warden.audit.AuditStore} (SQLite file or PostgreSQL). Each stored {@link
 * dev.warden.audit.AuditEntry} carries a sequence number and a SHA-256 hash over the previous hash
 * and its {@link dev.warden.audit.CanonicalForm}, so {@link dev.warden.audit.AuditStore#verify()}
 * finds any edited, deleted, reordered or truncated entry. The store also answers paged {@link
 * dev.warden.audit.AuditQuery queries} and streams JSON Lines exports.
 */
package dev.warden.audit;
