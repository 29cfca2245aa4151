package dev.warden.engine;

import dev.warden.model.Truth;
import java.util.Arrays;

/**
 * Sub-results shared by the evaluations of one call (a bulk check, a lookup): the truth of a
 * relation on an object for one actor. Only results that did not depend on a cycle cut above them
 * are stored, so every stored result is exact.
 *
 * <p>An open-addressing table of node codes (non-negative longs) to truths: a bulk check probes it
 * once per relation it visits, so boxing a {@code Long} per probe would dominate.
 */
final class TruthMemo {
  private static final long EMPTY = -1L;
  private static final Truth[] TRUTHS = {Truth.FALSE, Truth.UNKNOWN, Truth.TRUE};

  private long[] keys = newKeys(64);
  private byte[] values = new byte[64];
  private int size;

  Truth get(long node) {
    int mask = keys.length - 1;
    for (int i = slot(node, mask); ; i = (i + 1) & mask) {
      long k = keys[i];
      if (k == node) {
        return TRUTHS[values[i]];
      }
      if (k == EMPTY) {
        return null;
      }
    }
  }

  void put(long node, Truth t) {
    int mask = keys.length - 1;
    int i = slot(node, mask);
    while (keys[i] != EMPTY && keys[i] != node) {
      i = (i + 1) & mask;
    }
    if (keys[i] == EMPTY) {
      keys[i] = node;
      if (++size > keys.length / 2) {
        values[i] = code(t);
        grow();
        return;
      }
    }
    values[i] = code(t);
  }

  int size() {
    return size;
  }

  private void grow() {
    long[] oldKeys = keys;
    byte[] oldValues = values;
    keys = newKeys(oldKeys.length * 2);
    values = new byte[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int j = 0; j < oldKeys.length; j++) {
      if (oldKeys[j] != EMPTY) {
        int i = slot(oldKeys[j], mask);
        while (keys[i] != EMPTY) {
          i = (i + 1) & mask;
        }
        keys[i] = oldKeys[j];
        values[i] = oldValues[j];
      }
    }
  }

  private static byte code(Truth t) {
    return switch (t) {
      case FALSE -> 0;
      case UNKNOWN -> 1;
      case TRUE -> 2;
    };
  }

  private static long[] newKeys(int capacity) {
    long[] k = new long[capacity];
    Arrays.fill(k, EMPTY);
    return k;
  }

  private static int slot(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }
}
