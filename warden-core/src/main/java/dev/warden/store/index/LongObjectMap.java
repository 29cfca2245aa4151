package dev.warden.store.index;

import java.util.Arrays;
import java.util.function.BiConsumer;

/**
 * An open-addressing hash map from non-negative {@code long} keys to objects, for the index's
 * millions of entries without boxing. Linear probing, backward-shift deletion.
 *
 * <p>Not thread-safe for writers. Readers may run concurrently with one writer under the index's
 * optimistic protocol: the table is swapped whole on resize and every probe loop is bounded, so a
 * racing read returns a possibly wrong answer (which the protocol discards) but never hangs.
 */
final class LongObjectMap<V> {

  private static final long EMPTY = -1L;

  /** Keys and values swapped together, so a reader never pairs one table's keys with another's. */
  private static final class Table {
    final long[] keys;
    final Object[] values;

    Table(int capacity) {
      keys = new long[capacity];
      values = new Object[capacity];
      Arrays.fill(keys, EMPTY);
    }
  }

  private volatile Table table;
  private int size;

  LongObjectMap(int expected) {
    table = new Table(capacityFor(expected));
  }

  private static int capacityFor(int expected) {
    int c = Integer.highestOneBit(Math.max(16, (int) (expected / 0.6f)) - 1) << 1;
    return Math.max(16, c);
  }

  private static int hash(long key, int mask) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h ^ (h >>> 32)) & mask;
  }

  int size() {
    return size;
  }

  @SuppressWarnings("unchecked")
  V get(long key) {
    Table t = table;
    long[] keys = t.keys;
    int mask = keys.length - 1;
    int i = hash(key, mask);
    for (int probes = 0; probes <= mask; probes++) {
      long k = keys[i];
      if (k == key) {
        return (V) t.values[i];
      }
      if (k == EMPTY) {
        return null;
      }
      i = (i + 1) & mask;
    }
    return null;
  }

  /** Sets the value; a null value removes the key. */
  void put(long key, V value) {
    if (value == null) {
      remove(key);
      return;
    }
    Table t = table;
    int mask = t.keys.length - 1;
    int i = hash(key, mask);
    while (t.keys[i] != EMPTY) {
      if (t.keys[i] == key) {
        t.values[i] = value;
        return;
      }
      i = (i + 1) & mask;
    }
    // Value before key: a racing reader that finds the key also finds a value.
    t.values[i] = value;
    t.keys[i] = key;
    if (++size > (mask + 1) * 0.6f) {
      resize(t.keys.length * 2);
    }
  }

  void remove(long key) {
    Table t = table;
    long[] keys = t.keys;
    int mask = keys.length - 1;
    int i = hash(key, mask);
    while (keys[i] != key) {
      if (keys[i] == EMPTY) {
        return;
      }
      i = (i + 1) & mask;
    }
    size--;
    // Backward-shift: move later entries of the probe run into the hole.
    int hole = i;
    int j = (i + 1) & mask;
    while (keys[j] != EMPTY) {
      int home = hash(keys[j], mask);
      if (((j - home) & mask) >= ((j - hole) & mask)) {
        t.values[hole] = t.values[j];
        keys[hole] = keys[j];
        hole = j;
      }
      j = (j + 1) & mask;
    }
    keys[hole] = EMPTY;
    t.values[hole] = null;
  }

  private void resize(int capacity) {
    Table old = table;
    Table t = new Table(capacity);
    int mask = capacity - 1;
    for (int i = 0; i < old.keys.length; i++) {
      long k = old.keys[i];
      if (k != EMPTY) {
        int j = hash(k, mask);
        while (t.keys[j] != EMPTY) {
          j = (j + 1) & mask;
        }
        t.keys[j] = k;
        t.values[j] = old.values[i];
      }
    }
    table = t;
  }

  /** Calls the action for every entry, in table order. */
  @SuppressWarnings("unchecked")
  void forEach(BiConsumer<Long, V> action) {
    Table t = table;
    for (int i = 0; i < t.keys.length; i++) {
      if (t.keys[i] != EMPTY) {
        action.accept(t.keys[i], (V) t.values[i]);
      }
    }
  }

  /** Every key, unordered. */
  long[] keys() {
    Table t = table;
    long[] out = new long[size];
    int n = 0;
    for (long k : t.keys) {
      if (k != EMPTY && n < out.length) {
        out[n++] = k;
      }
    }
    return n == out.length ? out : Arrays.copyOf(out, n);
  }

  /** Approximate bytes held by the table arrays (not the values). */
  long tableBytes() {
    return (long) table.keys.length * (8 + 4);
  }
}
