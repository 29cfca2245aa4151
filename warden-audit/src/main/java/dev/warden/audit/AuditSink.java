package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import java.util.List;

/**
 * Where {@link AuditLog}'s writer thread commits batches. {@link AuditStore} is the durable one.
 *
 * <p>Contract: {@link #append} is all or nothing. When it returns, every event of the batch is
 * durably appended, in order; when it throws, none is, and the writer retries the same batch.
 */
@FunctionalInterface
public interface AuditSink {

  /** Appends the batch, in order, atomically. */
  void append(List<DecisionEvent> batch);
}
