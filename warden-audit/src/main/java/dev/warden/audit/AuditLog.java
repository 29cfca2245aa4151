package dev.warden.audit;

import dev.warden.api.DecisionEvent;
import dev.warden.api.DecisionLog;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;

/**
 * The decision log that writes to an {@link AuditSink} off the check path.
 *
 * <pre>
 *  checking threads ──record()──▶ [ bounded queue ] ──drain──▶ writer thread ──batch──▶ sink
 *        │ queue full: wait up to enqueueTimeout,                 (one commit per batch,
 *        │ then count the decision as dropped                      retried on failure)
 * </pre>
 *
 * <p>The writer gathers a batch for up to {@code gatherTime} after its first decision (or until it
 * holds {@code maxBatch}) before committing. A commit has a fixed cost (a transaction, the head
 * row, the pages it touches), so committing every few decisions as they trickle in spends more CPU
 * per decision than the checks themselves; gathering keeps batches large at any rate. {@link
 * #flush} and {@link #close} cut the gathering short.
 *
 * <p>{@link #record} only enqueues: a check pays for one queue insertion, never for I/O. When the
 * writer falls behind, the queue fills and callers wait for room (back-pressure) instead of losing
 * decisions; only a caller that waits the whole {@code enqueueTimeout} gives up, and that decision
 * is counted in {@link AuditStats#dropped()}. {@link #close()} stops accepting, then commits every
 * decision already accepted before it returns.
 *
 * <p>A caller that must not wait (a Vert.x event loop) uses {@link #tryRecord} or {@link
 * #tryRecordCommitted} instead: they enqueue only when there is room now, and otherwise return at
 * once so that the caller can refuse the decision rather than answer it unrecorded. {@link
 * #tryRecordCommitted} also hands back a future completed when the decision's batch is committed,
 * so the caller can hold its answer until then (durable audit); the writer then stops gathering as
 * soon as such a decision is in its batch, so that the wait is one commit, not the gather time.
 */
public final class AuditLog implements DecisionLog, AutoCloseable {

  /**
   * How long the gathering writer sleeps between drains: short enough that a full queue waits
   * little.
   */
  private static final long GATHER_STEP_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

  private final AuditSink sink;
  private final BlockingQueue<Entry> queue;
  private final int maxBatch;
  private final long gatherNanos;
  private final long enqueueTimeoutNanos;
  private final Duration closeTimeout;
  private final long minBackoffNanos;
  private final long maxBackoffNanos;
  private final Thread writer;
  private final Thread shutdownHook;

  private volatile boolean closed;
  private final AtomicInteger recording = new AtomicInteger();
  private final AtomicInteger flushing = new AtomicInteger();
  private final AtomicLong accepted = new AtomicLong();
  private final AtomicLong appended = new AtomicLong();
  private final AtomicLong batches = new AtomicLong();
  private final AtomicLong abandoned = new AtomicLong();
  private final LongAdder rejected = new LongAdder();
  private final LongAdder waits = new LongAdder();
  private final AtomicLong writeFailures = new AtomicLong();

  /**
   * One queued decision; {@code committed} is null unless its caller waits for the commit.
   *
   * @param committed completed by the writer once the decision's batch is committed, or
   *     exceptionally when the batch is abandoned at close
   */
  private record Entry(DecisionEvent event, CompletableFuture<Void> committed) {}

  private AuditLog(Builder b) {
    this.sink = b.sink;
    this.queue = new ArrayBlockingQueue<>(b.queueCapacity);
    this.maxBatch = b.maxBatch;
    this.gatherNanos = b.gatherTime.toNanos();
    this.enqueueTimeoutNanos = b.enqueueTimeout.toNanos();
    this.closeTimeout = b.closeTimeout;
    this.minBackoffNanos = b.minBackoff.toNanos();
    this.maxBackoffNanos = b.maxBackoff.toNanos();
    this.writer = new Thread(this::writeLoop, "warden-audit-writer");
    writer.setDaemon(true); // close() or the shutdown hook flushes; never keep a JVM alive
    writer.start();
    if (b.closeOnShutdown) {
      shutdownHook = new Thread(this::close, "warden-audit-shutdown");
      Runtime.getRuntime().addShutdownHook(shutdownHook);
    } else {
      shutdownHook = null;
    }
  }

  /** A builder writing to {@code sink}, usually an {@link AuditStore}. */
  public static Builder builder(AuditSink sink) {
    return new Builder(sink);
  }

  /** An audit log over {@code sink} with the default settings. */
  public static AuditLog open(AuditSink sink) {
    return builder(sink).build();
  }

  /**
   * Enqueues the decision. Returns at once unless the queue is full; then waits for room up to the
   * enqueue timeout, after which the decision is dropped and counted. After {@link #close()},
   * decisions are dropped and counted.
   */
  @Override
  public void record(DecisionEvent event) {
    Objects.requireNonNull(event, "event");
    // close() waits for every record call that saw the log open to finish enqueuing, so an
    // accepted decision is always seen by the writer's final drain.
    recording.incrementAndGet();
    try {
      if (closed) {
        rejected.increment();
        return;
      }
      Entry entry = new Entry(event, null);
      if (queue.offer(entry) || offerWaiting(entry)) {
        accepted.incrementAndGet();
      } else {
        rejected.increment();
      }
    } finally {
      recording.decrementAndGet();
    }
  }

  /**
   * Enqueues the decision only if there is room now; never waits. A decision refused here is not
   * counted as dropped: the caller knows and must not act on it unrecorded.
   *
   * @return true when the decision was accepted (it will be committed, like any recorded one),
   *     false when the queue is full or the log is closed
   */
  @Override
  public boolean tryRecord(DecisionEvent event) {
    return offerNow(new Entry(Objects.requireNonNull(event, "event"), null));
  }

  /**
   * Enqueues the decision only if there is room now, and tells when it is committed. Never waits.
   *
   * @return empty when the queue is full or the log is closed; otherwise a future completed (on the
   *     writer thread: keep its callbacks short) once the decision is committed, or completed
   *     exceptionally with {@code UNAVAILABLE} when closing gave up on it
   */
  public Optional<CompletableFuture<Void>> tryRecordCommitted(DecisionEvent event) {
    Entry entry = new Entry(Objects.requireNonNull(event, "event"), new CompletableFuture<>());
    return offerNow(entry) ? Optional.of(entry.committed()) : Optional.empty();
  }

  private boolean offerNow(Entry entry) {
    recording.incrementAndGet();
    try {
      if (closed || !queue.offer(entry)) {
        return false;
      }
      accepted.incrementAndGet();
      return true;
    } finally {
      recording.decrementAndGet();
    }
  }

  private boolean offerWaiting(Entry event) {
    waits.increment();
    try {
      return queue.offer(event, enqueueTimeoutNanos, TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The counters now. */
  public AuditStats stats() {
    return new AuditStats(
        appended.get(),
        rejected.sum() + abandoned.get(),
        queue.size(),
        batches.get(),
        waits.sum(),
        writeFailures.get());
  }

  /**
   * Waits until every decision accepted before this call is committed (or abandoned).
   *
   * @return whether that happened within {@code timeout}
   */
  public boolean flush(Duration timeout) {
    long target = accepted.get();
    long deadline = System.nanoTime() + timeout.toNanos();
    flushing.incrementAndGet();
    try {
      while (appended.get() + abandoned.get() < target) {
        if (System.nanoTime() - deadline >= 0 || !writer.isAlive()) {
          return appended.get() + abandoned.get() >= target;
        }
        LockSupport.parkNanos(200_000);
      }
      return true;
    } finally {
      flushing.decrementAndGet();
    }
  }

  /**
   * Stops accepting decisions, commits every one already accepted, and stops the writer. If the
   * sink keeps failing past the close timeout, the rest is counted as dropped and this throws. Does
   * not close the sink. Idempotent.
   *
   * @throws WardenException {@code UNAVAILABLE} when accepted decisions could not be committed
   */
  @Override
  public void close() {
    closed = true;
    try {
      writer.join(closeTimeout.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (shutdownHook != null && Thread.currentThread() != shutdownHook) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook is running or ran
      }
    }
    if (abandoned.get() > 0 || writer.isAlive()) {
      throw new WardenException(
          ErrorCode.UNAVAILABLE,
          "the audit log could not commit "
              + (accepted.get() - appended.get())
              + " accepted decisions before closing");
    }
  }

  private void writeLoop() {
    List<Entry> batch = new ArrayList<>(maxBatch);
    while (true) {
      if (closed && recording.get() == 0 && queue.isEmpty()) {
        return; // INVARIANT: no record call can enqueue any more (each saw closed)
      }
      Entry first;
      try {
        first = queue.poll(10, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        continue; // only close() matters, and it does not interrupt; keep draining
      }
      if (first == null) {
        continue;
      }
      batch.add(first);
      gather(batch);
      commit(batch);
      batch.clear();
    }
  }

  /**
   * Fills the batch from the queue until it is full or {@code gatherTime} has passed. Sleeps
   * between drains rather than waiting on the queue, so recording threads do not wake the writer
   * for every decision. A decision whose caller waits for its commit ends the gathering: its answer
   * is held until then, so it must not wait the gather time too.
   */
  private void gather(List<Entry> batch) {
    long deadline = System.nanoTime() + gatherNanos;
    queue.drainTo(batch, maxBatch - batch.size());
    while (batch.size() < maxBatch && !closed && flushing.get() == 0 && !awaited(batch)) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return;
      }
      LockSupport.parkNanos(Math.min(left, GATHER_STEP_NANOS));
      queue.drainTo(batch, maxBatch - batch.size());
    }
  }

  private static boolean awaited(List<Entry> batch) {
    for (Entry e : batch) {
      if (e.committed() != null) {
        return true;
      }
    }
    return false;
  }

  /** Commits the batch, retrying with back-off; gives up only once closing has timed out. */
  private void commit(List<Entry> entries) {
    List<DecisionEvent> batch = new ArrayList<>(entries.size());
    for (Entry e : entries) {
      batch.add(e.event());
    }
    long backoffNanos = minBackoffNanos;
    long giveUpAt = Long.MAX_VALUE;
    boolean retry = false;
    while (true) {
      try {
        // a commit that reported a failure may still have committed (the connection broke
        // after COMMIT): appending the batch again would record every decision twice
        if (!retry || !sink.holds(batch)) {
          sink.append(batch);
        }
        appended.addAndGet(batch.size());
        batches.incrementAndGet();
        for (Entry e : entries) {
          if (e.committed() != null) {
            e.committed().complete(null);
          }
        }
        return;
      } catch (RuntimeException e) {
        writeFailures.incrementAndGet();
        retry = true;
      }
      if (closed) {
        giveUpAt = Math.min(giveUpAt, System.nanoTime() + closeTimeout.toNanos());
        if (System.nanoTime() - giveUpAt >= 0) {
          List<Entry> lost = new ArrayList<>(entries);
          queue.drainTo(lost);
          abandoned.addAndGet(lost.size());
          WardenException failure =
              new WardenException(
                  ErrorCode.UNAVAILABLE, "the audit log gave up committing while closing");
          for (Entry e : lost) {
            if (e.committed() != null) {
              e.committed().completeExceptionally(failure);
            }
          }
          return;
        }
      }
      LockSupport.parkNanos(backoffNanos);
      backoffNanos = Math.min(backoffNanos * 2, maxBackoffNanos);
    }
  }

  /** Builds an {@link AuditLog}. */
  public static final class Builder {
    private final AuditSink sink;
    private int queueCapacity = 65_536;
    private int maxBatch = 4096;
    private Duration gatherTime = Duration.ofMillis(50);
    private Duration enqueueTimeout = Duration.ofSeconds(5);
    private Duration closeTimeout = Duration.ofSeconds(30);
    private Duration minBackoff = Duration.ofMillis(10);
    private Duration maxBackoff = Duration.ofSeconds(1);
    private boolean closeOnShutdown;

    private Builder(AuditSink sink) {
      this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** How many decisions may wait for the writer; 65536 by default. */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1, not " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /** The most decisions committed in one batch; 4096 by default. */
    public Builder maxBatch(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("batch size must be at least 1, not " + size);
      }
      this.maxBatch = size;
      return this;
    }

    /**
     * How long the writer keeps gathering decisions into a batch after the first one; 50 ms by
     * default. Zero commits whatever is queued at once. Longer means fewer, larger commits (less
     * CPU per decision) and decisions reaching the store later.
     */
    public Builder gatherTime(Duration time) {
      if (time.isNegative()) {
        throw new IllegalArgumentException("gather time must not be negative, not " + time);
      }
      this.gatherTime = time;
      return this;
    }

    /** How long a caller waits for room in a full queue before the decision is dropped; 5 s. */
    public Builder enqueueTimeout(Duration timeout) {
      this.enqueueTimeout = requirePositive(timeout, "enqueue timeout");
      return this;
    }

    /** How long close() keeps retrying a failing sink before it gives up; 30 s. */
    public Builder closeTimeout(Duration timeout) {
      this.closeTimeout = requirePositive(timeout, "close timeout");
      return this;
    }

    /**
     * How long the writer waits before retrying a failed commit: {@code min} after the first
     * failure, doubling up to {@code max}; 10 ms and 1 s by default.
     */
    public Builder retryBackoff(Duration min, Duration max) {
      this.minBackoff = requirePositive(min, "minimum back-off");
      this.maxBackoff = requirePositive(max, "maximum back-off");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("maximum back-off " + max + " is below " + min);
      }
      return this;
    }

    /** Close (and so flush) when the JVM shuts down; off by default. */
    public Builder closeOnShutdown(boolean enabled) {
      this.closeOnShutdown = enabled;
      return this;
    }

    public AuditLog build() {
      return new AuditLog(this);
    }

    private static Duration requirePositive(Duration d, String what) {
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, not " + d);
      }
      return d;
    }
  }
}
