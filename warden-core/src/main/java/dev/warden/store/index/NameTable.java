package dev.warden.store.index;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Interns type or relation names to small ints, starting at {@code first}. Few names exist, so a
 * concurrent map is simple and fast enough; numbers are never reused.
 */
final class NameTable {

  private final Map<String, Integer> ids = new ConcurrentHashMap<>();
  private volatile String[] names = new String[16];
  private final int first;
  private final int max;
  private final String what;
  private int next;

  NameTable(String what, int first, int max) {
    this.what = what;
    this.first = first;
    this.max = max;
    this.next = first;
  }

  /** The name's number, or -1. */
  int find(String name) {
    Integer id = ids.get(name);
    return id == null ? -1 : id;
  }

  /** The name's number, interning it when new. Writer only. */
  int intern(String name) {
    Integer id = ids.get(name);
    if (id != null) {
      return id;
    }
    if (next > max) {
      throw new IllegalStateException("more than " + (max - first + 1) + " " + what + " names");
    }
    int n = next++;
    if (n >= names.length) {
      names = Arrays.copyOf(names, names.length * 2);
    }
    names[n] = name;
    ids.put(name, n);
    return n;
  }

  /** The name with that number. */
  String name(int id) {
    return names[id];
  }

  /** One past the largest number handed out. */
  int limit() {
    return next;
  }
}
