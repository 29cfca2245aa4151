package dev.warden.store.index;

import java.util.Arrays;

/** A growable {@code long} list used while bulk loading. */
final class LongBuffer {
  private long[] values = new long[2];
  private int size;

  void add(long v) {
    if (size == values.length) {
      values = Arrays.copyOf(values, size * 2);
    }
    values[size++] = v;
  }

  /** The union of these values and a sorted array (null: empty), sorted and duplicate-free. */
  long[] mergeInto(long[] existing) {
    int extra = existing == null ? 0 : existing.length;
    long[] all = Arrays.copyOf(values, size + extra);
    if (extra > 0) {
      System.arraycopy(existing, 0, all, size, extra);
    }
    Arrays.sort(all);
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (n == 0 || all[i] != all[n - 1]) {
        all[n++] = all[i];
      }
    }
    return n == all.length ? all : Arrays.copyOf(all, n);
  }
}
