package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import java.util.List;

/**
 * Where {@link AuditLog}'s writer thread commits batches. {@link AuditStore} is the durable one.
 *
 * <p>Contract: {@link #append} is all or nothing. When it returns, every event of the batch is
 * durably appended, in order; when it throws, none is, and the writer retries the same batch —
 * unless the failure came after the commit reached the database (a connection lost during {@code
 * COMMIT}), which only {@link #holds} can tell: the writer asks it before every retry.
 */
@FunctionalInterface
public interface AuditSink {

  /** Appends the batch, in order, atomically. */
  void append(List<DecisionEvent> batch);

  /**
   * Whether {@code batch} is already the last thing appended: an append that threw may have
   * committed. False by default, for sinks whose failures never commit.
   */
  default boolean holds(List<DecisionEvent> batch) {
    return false;
  }
}
