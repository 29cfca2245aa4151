package dev.warden.audit;

/**
 * The head checkpoint: the last appended entry. Publishing it elsewhere (a log line, another
 * system) lets a later verify prove that nothing was rewritten since.
 *
 * @param seq the sequence number of the last entry, 0 when the log is empty
 * @param hash its hash, {@link CanonicalForm#GENESIS} when the log is empty
 */
public record AuditHead(long seq, String hash) {}
