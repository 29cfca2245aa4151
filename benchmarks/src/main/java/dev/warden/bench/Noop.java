package dev.warden.bench;

import org.openjdk.jmh.annotations.Benchmark;

/** Placeholder. */
public class Noop {
  @Benchmark
  public int noop() {
    return 1;
  }
}
