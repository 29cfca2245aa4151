package dev.warden.store.index;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Loads many grants into a {@link RelationshipIndex} in one go: subjects are grouped per node and
 * sorted once instead of inserted one by one. Readers see nothing until {@link #finish}, then
 * everything. Not thread-safe; one loader per load.
 */
public final class IndexLoader {

  private static final int CHUNK = 4096;

  private final RelationshipIndex index;
  private final LongObjectMap<LongBuffer> forward = new LongObjectMap<>(1 << 16);
  private final LongObjectMap<LongBuffer> reverse = new LongObjectMap<>(1 << 12);
  private final List<Grant> chunk = new ArrayList<>(CHUNK);
  private final List<Change> conditional = new ArrayList<>();
  private boolean finished;

  IndexLoader(RelationshipIndex index) {
    this.index = index;
  }

  /** Adds a grant (conditional or not). */
  public IndexLoader add(Grant g) {
    requireOpen();
    if (g.condition() != null) {
      conditional.add(new Change.GrantWritten(0, g));
      return this;
    }
    chunk.add(g);
    if (chunk.size() == CHUNK) {
      flush();
    }
    return this;
  }

  /** Sets an entity's attributes as part of the load. */
  public IndexLoader attributes(EntityRef entity, Map<String, Object> values) {
    requireOpen();
    conditional.add(new Change.AttributesSet(0, entity, values));
    return this;
  }

  /** Publishes everything added, at the given revision. */
  public void finish(long revision) {
    requireOpen();
    flush();
    finished = true;
    index.bulkApply(forward, reverse, conditional, revision);
  }

  private void flush() {
    if (chunk.isEmpty()) {
      return;
    }
    long[] pairs = index.internForLoad(chunk);
    for (int i = 0; i < pairs.length; i += 2) {
      buffer(forward, pairs[i]).add(pairs[i + 1]);
      buffer(reverse, pairs[i + 1]).add(pairs[i]);
    }
    chunk.clear();
  }

  private static LongBuffer buffer(LongObjectMap<LongBuffer> map, long key) {
    LongBuffer b = map.get(key);
    if (b == null) {
      b = new LongBuffer();
      map.put(key, b);
    }
    return b;
  }

  private void requireOpen() {
    if (finished) {
      throw new IllegalStateException("this loader has finished");
    }
  }
}
