package dev.warden.store.index;

import java.util.Arrays;

/** Copy-on-write operations on sorted, duplicate-free {@code long} arrays. */
final class SortedLongs {

  static final long[] EMPTY = new long[0];

  private SortedLongs() {}

  /** The array with {@code v} added, or the same array when already present. */
  static long[] add(long[] a, long v) {
    int i = Arrays.binarySearch(a, v);
    if (i >= 0) {
      return a;
    }
    int at = -i - 1;
    long[] b = new long[a.length + 1];
    System.arraycopy(a, 0, b, 0, at);
    b[at] = v;
    System.arraycopy(a, at, b, at + 1, a.length - at);
    return b;
  }

  /** The array without {@code v}, or the same array when absent; null when it becomes empty. */
  static long[] remove(long[] a, long v) {
    int i = Arrays.binarySearch(a, v);
    if (i < 0) {
      return a;
    }
    if (a.length == 1) {
      return null;
    }
    long[] b = new long[a.length - 1];
    System.arraycopy(a, 0, b, 0, i);
    System.arraycopy(a, i + 1, b, i, a.length - i - 1);
    return b;
  }

  /** True when {@code v} is in the array. */
  static boolean contains(long[] a, long v) {
    return Arrays.binarySearch(a, v) >= 0;
  }
}
