package dev.warden.engine;

import java.util.Arrays;

/** A growable set of non-negative longs (object numbers), without boxing. Not thread-safe. */
final class LongSet {
  private static final long EMPTY = -1L;

  private long[] table = new long[16];
  private int size;

  LongSet() {
    Arrays.fill(table, EMPTY);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  boolean contains(long v) {
    int mask = table.length - 1;
    for (int i = slot(v, mask); ; i = (i + 1) & mask) {
      if (table[i] == v) {
        return true;
      }
      if (table[i] == EMPTY) {
        return false;
      }
    }
  }

  /** Adds the value; true when it was new. */
  boolean add(long v) {
    int mask = table.length - 1;
    int i = slot(v, mask);
    while (table[i] != EMPTY) {
      if (table[i] == v) {
        return false;
      }
      i = (i + 1) & mask;
    }
    table[i] = v;
    if (++size * 2 > table.length) {
      grow();
    }
    return true;
  }

  void addAll(LongSet other) {
    for (long v : other.table) {
      if (v != EMPTY) {
        add(v);
      }
    }
  }

  /** The values, unordered. */
  long[] toArray() {
    long[] out = new long[size];
    int n = 0;
    for (long v : table) {
      if (v != EMPTY) {
        out[n++] = v;
      }
    }
    return out;
  }

  private void grow() {
    long[] old = table;
    table = new long[old.length * 2];
    Arrays.fill(table, EMPTY);
    size = 0;
    for (long v : old) {
      if (v != EMPTY) {
        add(v);
      }
    }
  }

  private static int slot(long v, int mask) {
    long h = v * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
