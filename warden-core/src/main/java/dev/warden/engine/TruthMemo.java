package dev.warden.engine;

import dev.warden.model.Truth;
import java.util.HashMap;
import java.util.Map;

/**
 * Sub-results shared by the evaluations of one call (a bulk check, a lookup): the truth of a
 * relation on an object for one actor. Only results that did not depend on a cycle cut above them
 * are stored, so every stored result is exact.
 */
final class TruthMemo {
  private final Map<Long, Truth> results = new HashMap<>();

  Truth get(long node) {
    return results.get(node);
  }

  void put(long node, Truth t) {
    results.put(node, t);
  }

  int size() {
    return results.size();
  }
}
