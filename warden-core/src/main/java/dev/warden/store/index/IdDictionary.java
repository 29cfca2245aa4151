package dev.warden.store.index;

import java.util.Arrays;

/**
 * Interns object ids (strings) to dense ints, shared by all types. Ids are never removed: an id
 * whose grants are all deleted keeps its number, which costs a few dozen bytes and keeps numbers
 * stable for concurrent readers.
 *
 * <p>Same concurrency contract as {@link LongObjectMap}: one writer, optimistic readers.
 */
final class IdDictionary {

  private static final class Table {
    final String[] keys;
    final int[] hashes;
    final int[] ids;

    Table(int capacity) {
      keys = new String[capacity];
      hashes = new int[capacity];
      ids = new int[capacity];
    }
  }

  private volatile Table table = new Table(1024);
  private volatile String[] byId = new String[1024];
  private int size;

  /** The id's number, or -1 when it was never interned. */
  int find(String id) {
    Table t = table;
    int mask = t.keys.length - 1;
    int h = spread(id.hashCode());
    int i = h & mask;
    for (int probes = 0; probes <= mask; probes++) {
      String k = t.keys[i];
      if (k == null) {
        return -1;
      }
      // The stored hash rules out almost every other key without touching its string.
      if (t.hashes[i] == h && k.equals(id)) {
        return t.ids[i];
      }
      i = (i + 1) & mask;
    }
    return -1;
  }

  /** The id's number, interning it when new. Writer only. */
  int intern(String id) {
    int found = find(id);
    if (found >= 0) {
      return found;
    }
    int n = size;
    if (n == byId.length) {
      byId = Arrays.copyOf(byId, n * 2);
    }
    byId[n] = id;
    insert(table, id, n);
    size = n + 1;
    if (size > table.keys.length * 0.6f) {
      Table bigger = new Table(table.keys.length * 2);
      for (int i = 0; i < size; i++) {
        insert(bigger, byId[i], i);
      }
      table = bigger;
    }
    return n;
  }

  private static void insert(Table t, String id, int number) {
    int mask = t.keys.length - 1;
    int h = spread(id.hashCode());
    int i = h & mask;
    while (t.keys[i] != null) {
      i = (i + 1) & mask;
    }
    t.ids[i] = number;
    t.hashes[i] = h;
    t.keys[i] = id;
  }

  /**
   * Mixes high bits into the low ones the table indexes by. Ids like {@code r1}, {@code r2}, ...
   * have nearly consecutive hash codes; left unmixed they fill runs of adjacent slots, and linear
   * probing then walks long clusters.
   */
  private static int spread(int hashCode) {
    int h = hashCode * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /** The id with that number. */
  String name(long number) {
    return byId[(int) number];
  }

  int size() {
    return size;
  }

  /** Approximate bytes held, counting each id string once. */
  long bytes() {
    long strings = 0;
    for (int i = 0; i < size; i++) {
      strings += 24 + 16 + byId[i].length();
    }
    return strings + (long) table.keys.length * 12 + byId.length * 4L;
  }
}
