package dev.warden.audit;

/**
 * A snapshot of an {@link AuditLog}'s counters.
 *
 * @param appended decisions committed to the sink
 * @param dropped decisions lost: the queue stayed full for the whole enqueue timeout, the log was
 *     closed, or the sink kept failing past the close timeout. Stays 0 in normal operation
 * @param queueDepth decisions waiting in the queue now
 * @param batches batches committed
 * @param waits record calls that found the queue full and had to wait (back-pressure)
 * @param writeFailures batch commits that failed and were retried
 */
public record AuditStats(
    long appended, long dropped, int queueDepth, long batches, long waits, long writeFailures) {}
