package dev.warden.bench;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.HdrHistogram.Histogram;

/**
 * Drives keep-alive connections from a few threads, each with its own selector, and records every
 * round trip after the warm-up in a latency histogram. Bounded in time: it stops at the deadline
 * whatever the server does.
 */
final class LoadDriver {

  /** What a run measured. */
  record Result(long requests, long errors, double seconds, Histogram latencyMicros) {
    double throughput() {
      return requests / seconds;
    }
  }

  private final InetSocketAddress address;
  private final byte[][] requests;
  private final int connections;
  private final int threads;

  LoadDriver(InetSocketAddress address, byte[][] requests, int connections, int threads) {
    this.address = address;
    this.requests = requests;
    this.connections = connections;
    this.threads = Math.min(threads, connections);
  }

  Result run(double warmupSeconds, double seconds) throws Exception {
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmupSeconds * 1e9);
    long deadline = measureFrom + (long) (seconds * 1e9);
    List<Worker> workers = new ArrayList<>();
    List<Thread> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int share = connections / threads + (t < connections % threads ? 1 : 0);
      Worker w = new Worker(share, t, measureFrom, deadline);
      workers.add(w);
      Thread thread = new Thread(w, "load-" + t);
      thread.start();
      running.add(thread);
    }
    Histogram all = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    long count = 0;
    long errors = 0;
    for (int t = 0; t < running.size(); t++) {
      running.get(t).join();
      Worker w = workers.get(t);
      if (w.failure != null) {
        throw new IOException("load thread failed: " + w.failure.getMessage(), w.failure);
      }
      all.add(w.histogram);
      count += w.count.get();
      errors += w.errors;
    }
    return new Result(count, errors, seconds, all);
  }

  private final class Worker implements Runnable {
    private final int share;
    private final int offset;
    private final long measureFrom;
    private final long deadline;
    private final Histogram histogram = new Histogram(TimeUnit.SECONDS.toMicros(60), 3);
    private final AtomicLong count = new AtomicLong();
    private long errors;
    private Exception failure;

    Worker(int share, int offset, long measureFrom, long deadline) {
      this.share = share;
      this.offset = offset;
      this.measureFrom = measureFrom;
      this.deadline = deadline;
    }

    @Override
    public void run() {
      List<LoadConnection> open = new ArrayList<>();
      try (Selector selector = Selector.open()) {
        for (int i = 0; i < share; i++) {
          LoadConnection c = new LoadConnection(address, requests, offset * 7 + i);
          open.add(c);
          int ops = c.send() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE;
          c.channel().register(selector, ops, c);
        }
        while (System.nanoTime() < deadline) {
          selector.select(100);
          for (SelectionKey key : selector.selectedKeys()) {
            step(key);
          }
          selector.selectedKeys().clear();
        }
      } catch (Exception e) {
        failure = e;
      } finally {
        open.forEach(LoadConnection::close);
      }
    }

    private void step(SelectionKey key) throws IOException {
      LoadConnection c = (LoadConnection) key.attachment();
      if (key.isWritable()) {
        if (c.flush()) {
          key.interestOps(SelectionKey.OP_READ);
        }
        return;
      }
      int status = c.read();
      if (status < 0) {
        return;
      }
      long now = System.nanoTime();
      if (now >= measureFrom && c.sentAt() >= measureFrom && now < deadline) {
        histogram.recordValue(Math.max(1, (now - c.sentAt()) / 1000));
        count.incrementAndGet();
        if (status != 200) {
          errors++;
        }
      }
      key.interestOps(c.send() ? SelectionKey.OP_READ : SelectionKey.OP_WRITE);
    }
  }
}
