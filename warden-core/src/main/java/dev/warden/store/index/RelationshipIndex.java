package dev.warden.store.index;

import dev.warden.api.Change;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.Names;
import dev.warden.api.SubjectRef;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Consumer;

/**
 * Grants and entity attributes in memory, indexed in both directions: node (resource#relation) to
 * subjects, and subject to nodes. See the package documentation for the encoding and the
 * concurrency protocol.
 */
public final class RelationshipIndex {

  private static final ConditionalSubject[] NO_CONDITIONAL = new ConditionalSubject[0];
  private static final ActivationGate[] NO_GATES = new ActivationGate[0];

  private final StampedLock lock = new StampedLock();
  private final NameTable types = new NameTable("type", 0, Codes.MAX_TYPE);
  private final NameTable relations = new NameTable("relation", 1, Codes.MAX_RELATION);
  private final IdDictionary ids = new IdDictionary();
  private final LongObjectMap<long[]> forward = new LongObjectMap<>(1024);
  private final LongObjectMap<long[]> reverse = new LongObjectMap<>(1024);
  private final LongObjectMap<ConditionalSubject[]> conditional = new LongObjectMap<>(16);
  private final LongObjectMap<Map<String, Object>> attributes = new LongObjectMap<>(16);
  private volatile long revision;
  private final Object revisionMonitor = new Object();
  private volatile boolean anyConditional;
  private final List<ActivationGate> gates = new java.util.concurrent.CopyOnWriteArrayList<>();
  private long grants;

  // ---------------------------------------------------------------- read protocol

  /** An optimistic read stamp; 0 while a write is in progress. */
  public long beginRead() {
    return lock.tryOptimisticRead();
  }

  /** True when no write happened since the stamp was taken. */
  public boolean validate(long stamp) {
    return stamp != 0 && lock.validate(stamp);
  }

  /** Blocks writers until {@link #unlockRead}. */
  public long readLock() {
    return lock.readLock();
  }

  public void unlockRead(long stamp) {
    lock.unlockRead(stamp);
  }

  // ---------------------------------------------------------------- lookups

  /** The revision of the last applied change; 0 when empty. */
  public long revision() {
    return revision;
  }

  /** The type's number, or -1 when no grant or policy ever named it. */
  public int typeId(String name) {
    return types.find(name);
  }

  /** The relation's number, or -1. */
  public int relationId(String name) {
    return relations.find(name);
  }

  /** The object id's number, or -1 when no grant or attribute ever named it. */
  public long objectId(String id) {
    return Names.WILDCARD.equals(id) ? Codes.WILDCARD : ids.find(id);
  }

  public String typeName(int type) {
    return types.name(type);
  }

  public String relationName(int relation) {
    return relations.name(relation);
  }

  public String objectName(long object) {
    return object == Codes.WILDCARD ? Names.WILDCARD : ids.name(object);
  }

  /** The unconditional subjects of a node, sorted; empty when none. */
  public long[] subjects(long node) {
    long[] s = forward.get(node);
    return s == null ? SortedLongs.EMPTY : s;
  }

  /** The conditional subjects of a node; empty when none. */
  public ConditionalSubject[] conditionalSubjects(long node) {
    if (!anyConditional) {
      return NO_CONDITIONAL;
    }
    ConditionalSubject[] c = conditional.get(node);
    return c == null ? NO_CONDITIONAL : c;
  }

  /** The nodes a subject is granted on (conditionally or not), sorted; empty when none. */
  public long[] nodesOf(long subjectCode) {
    long[] n = reverse.get(subjectCode);
    return n == null ? SortedLongs.EMPTY : n;
  }

  /**
   * The objects of {@code type} on which the subject holds {@code relation}, conditionally or not:
   * the slice of the subject's sorted node list for that type and relation.
   */
  public long[] objectsGranted(long subjectCode, int type, int relation) {
    long[] nodes = nodesOf(subjectCode);
    int from = lowerBound(nodes, Codes.node(type, 0, relation));
    int to = lowerBound(nodes, Codes.node(type, Codes.WILDCARD, relation) + 1);
    long[] out = new long[Math.max(0, to - from)];
    for (int i = from; i < to; i++) {
      out[i - from] = Codes.nodeObject(nodes[i]);
    }
    return out;
  }

  private static int lowerBound(long[] a, long key) {
    int i = Arrays.binarySearch(a, key);
    return i >= 0 ? i : -i - 1;
  }

  /** True when the subject holds the node unconditionally. */
  public boolean holdsUnconditionally(long node, long subjectCode) {
    return SortedLongs.contains(subjects(node), subjectCode);
  }

  /**
   * Every object {@code o} of a type whose userset {@code type:o#relation} is some grant's subject.
   * A full scan, for userset lookups that cannot narrow their candidates. Callers hold the read
   * lock.
   */
  public long[] usersetObjects(int type, int relation) {
    java.util.TreeSet<Long> out = new java.util.TreeSet<>();
    for (long code : reverse.keys()) {
      if (Codes.subjectType(code) == type && Codes.subjectRelation(code) == relation) {
        out.add(Codes.subjectObject(code));
      }
    }
    long[] a = new long[out.size()];
    int i = 0;
    for (long o : out) {
      a[i++] = o;
    }
    return a;
  }

  /**
   * Every object of a type the index knows: on a grant's either side or with attributes. A full
   * scan, for lookups that cannot narrow their candidates. Callers hold the read lock.
   */
  public long[] knownObjects(int type) {
    java.util.TreeSet<Long> out = new java.util.TreeSet<>();
    for (long node : forward.keys()) {
      if (Codes.nodeType(node) == type) {
        out.add(Codes.nodeObject(node));
      }
    }
    for (long node : conditional.keys()) {
      if (Codes.nodeType(node) == type) {
        out.add(Codes.nodeObject(node));
      }
    }
    for (long code : reverse.keys()) {
      if (Codes.subjectType(code) == type
          && Codes.subjectRelation(code) == 0
          && Codes.subjectObject(code) != Codes.WILDCARD) {
        out.add(Codes.subjectObject(code));
      }
    }
    for (long key : attributes.keys()) {
      if (Codes.entityType(key) == type) {
        out.add(Codes.entityObject(key));
      }
    }
    long[] result = new long[out.size()];
    int i = 0;
    for (long o : out) {
      result[i++] = o;
    }
    return result;
  }

  /** The stored attributes of an entity; empty when none. */
  public Map<String, Object> attributes(long entityKey) {
    Map<String, Object> a = attributes.get(entityKey);
    return a == null ? Map.of() : a;
  }

  /** Calls the action for every entity with stored attributes. Callers hold the read lock. */
  public void forEachAttributes(
      java.util.function.BiConsumer<EntityRef, Map<String, Object>> action) {
    attributes.forEach(
        (key, values) -> {
          if (values != null && !values.isEmpty()) {
            action.accept(
                new EntityRef(types.name(Codes.entityType(key)), ids.name(Codes.entityObject(key))),
                values);
          }
        });
  }

  /** True when some grant carries a condition; lets evaluation skip condition lookups. */
  public boolean hasConditionalGrants() {
    return anyConditional;
  }

  /** Number of grants held. */
  public long grantCount() {
    return grants;
  }

  // ---------------------------------------------------------------- writes

  /**
   * Interns names ahead of use, so a compiled policy can refer to them by number even before any
   * grant names them.
   */
  public void intern(Collection<String> typeNames, Collection<String> relationNames) {
    long stamp = lock.writeLock();
    try {
      typeNames.forEach(types::intern);
      relationNames.forEach(relations::intern);
    } finally {
      lock.unlockWrite(stamp);
    }
  }

  /**
   * Runs the gate around every later {@link #apply} of changes that activate a policy (see {@link
   * ActivationGate}); gates added later run inside earlier ones.
   */
  public void addActivationGate(ActivationGate gate) {
    gates.add(java.util.Objects.requireNonNull(gate, "gate"));
  }

  /** Stops running the gate. */
  public void removeActivationGate(ActivationGate gate) {
    gates.remove(gate);
  }

  /**
   * Applies committed changes atomically for readers, and advances the revision. A policy
   * activation among them changes nothing here but runs the activation gates around the whole
   * application.
   */
  public void apply(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Change.PolicyActivated activation = lastActivation(changes);
    ActivationGate[] around = activation == null ? NO_GATES : gates.toArray(NO_GATES);
    if (around.length == 0) {
      applyNow(changes);
      return;
    }
    Runnable run = () -> applyNow(changes);
    for (int i = around.length - 1; i >= 0; i--) {
      ActivationGate gate = around[i];
      Runnable inner = run;
      run = () -> gate.around(activation, inner);
    }
    run.run();
  }

  private static Change.PolicyActivated lastActivation(List<Change> changes) {
    for (int i = changes.size() - 1; i >= 0; i--) {
      if (changes.get(i) instanceof Change.PolicyActivated a) {
        return a;
      }
    }
    return null;
  }

  private void applyNow(List<Change> changes) {
    long stamp = lock.writeLock();
    try {
      for (Change c : changes) {
        applyOne(c);
      }
      revision = Math.max(revision, changes.get(changes.size() - 1).revision());
    } finally {
      lock.unlockWrite(stamp);
    }
    revisionAdvanced();
  }

  /**
   * Waits until the index has applied {@code target}; true when it has, false on timeout. Callers
   * serving {@code at_least} requests use this instead of answering from an older state.
   */
  public boolean awaitRevision(long target, java.time.Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (revisionMonitor) {
      while (revision < target) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        try {
          java.util.concurrent.TimeUnit.NANOSECONDS.timedWait(revisionMonitor, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
      return true;
    }
  }

  private void revisionAdvanced() {
    synchronized (revisionMonitor) {
      revisionMonitor.notifyAll();
    }
  }

  private void applyOne(Change c) {
    if (c instanceof Change.GrantWritten w) {
      put(w.grant());
    } else if (c instanceof Change.GrantDeleted d) {
      remove(d.grant());
    } else if (c instanceof Change.AttributesSet a) {
      setAttributes(a.entity(), a.attributes());
    }
  }

  private void put(Grant g) {
    long node = internNode(g);
    long code = internSubject(g.subject());
    boolean wasConditional = removeConditional(node, code);
    boolean existed = wasConditional || SortedLongs.contains(subjects(node), code);
    if (g.condition() == null) {
      forward.put(node, SortedLongs.add(subjects(node), code));
    } else {
      setSubjects(node, SortedLongs.remove(subjects(node), code));
      addConditional(node, new ConditionalSubject(code, g.condition()));
    }
    reverse.put(code, SortedLongs.add(nodesOf(code), node));
    if (!existed) {
      grants++;
    }
  }

  /**
   * Sets a node's unconditional subjects. No subjects means no entry: a node kept with an empty
   * list would still count as holding grants (its object stays known to lookups, {@link #nodesOn}
   * lists it) after its last grant is deleted.
   */
  private void setSubjects(long node, long[] subjects) {
    forward.put(node, subjects == null || subjects.length == 0 ? null : subjects);
  }

  private void remove(Grant g) {
    long node = findNode(g);
    long code = findSubject(g.subject());
    if (node < 0 || code < 0) {
      return;
    }
    long[] before = subjects(node);
    long[] after = SortedLongs.remove(before, code);
    boolean wasConditional = removeConditional(node, code);
    boolean removed = after != before || wasConditional;
    setSubjects(node, after);
    if (removed) {
      reverse.put(code, SortedLongs.remove(nodesOf(code), node));
      grants--;
    }
  }

  private void addConditional(long node, ConditionalSubject s) {
    ConditionalSubject[] old = conditional.get(node);
    ConditionalSubject[] next =
        old == null ? new ConditionalSubject[1] : Arrays.copyOf(old, old.length + 1);
    next[next.length - 1] = s;
    conditional.put(node, next);
    anyConditional = true;
  }

  /** Removes the node's conditional entry for the code; true when there was one. */
  private boolean removeConditional(long node, long code) {
    ConditionalSubject[] old = anyConditional ? conditional.get(node) : null;
    if (old == null) {
      return false;
    }
    List<ConditionalSubject> kept = new ArrayList<>(old.length);
    for (ConditionalSubject s : old) {
      if (s.code() != code) {
        kept.add(s);
      }
    }
    if (kept.size() == old.length) {
      return false;
    }
    conditional.put(node, kept.isEmpty() ? null : kept.toArray(NO_CONDITIONAL));
    return true;
  }

  private void setAttributes(EntityRef e, Map<String, Object> values) {
    long key = Codes.entity(types.intern(e.type()), ids.intern(e.id()));
    attributes.put(key, values.isEmpty() ? null : Map.copyOf(values));
  }

  private long internNode(Grant g) {
    int type = types.intern(g.resource().type());
    return Codes.node(type, ids.intern(g.resource().id()), relations.intern(g.relation()));
  }

  private long internSubject(SubjectRef s) {
    int type = types.intern(s.type());
    long object = s.isWildcard() ? Codes.WILDCARD : ids.intern(s.id());
    int relation = s.relation() == null ? 0 : relations.intern(s.relation());
    return Codes.subject(type, object, relation);
  }

  private long findNode(Grant g) {
    int type = types.find(g.resource().type());
    int relation = relations.find(g.relation());
    long object = ids.find(g.resource().id());
    return type < 0 || relation < 0 || object < 0 ? -1 : Codes.node(type, object, relation);
  }

  /** The code of a subject whose names are all interned, or -1. */
  public long findSubject(SubjectRef s) {
    int type = types.find(s.type());
    long object = objectId(s.id());
    int relation = s.relation() == null ? 0 : relations.find(s.relation());
    return type < 0 || object < 0 || relation < 0 ? -1 : Codes.subject(type, object, relation);
  }

  // ---------------------------------------------------------------- decoding

  /** The subject a code stands for. */
  public SubjectRef decodeSubject(long code) {
    int relation = Codes.subjectRelation(code);
    return new SubjectRef(
        types.name(Codes.subjectType(code)),
        objectName(Codes.subjectObject(code)),
        relation == 0 ? null : relations.name(relation));
  }

  /** The entity a node is on. */
  public EntityRef decodeResource(long node) {
    return new EntityRef(types.name(Codes.nodeType(node)), ids.name(Codes.nodeObject(node)));
  }

  /** The grant a node and subject code stand for. */
  public Grant decode(long node, long code, GrantCondition condition) {
    return new Grant(
        decodeResource(node),
        relations.name(Codes.nodeRelation(node)),
        decodeSubject(code),
        condition);
  }

  /**
   * Calls the action for every grant on the nodes given, or on every node when {@code nodes} is
   * null. Callers hold the read lock.
   */
  public void forEachGrant(long[] nodes, Consumer<Grant> action) {
    long[] keys = nodes != null ? nodes : allNodes();
    for (long node : keys) {
      for (long code : subjects(node)) {
        action.accept(decode(node, code, null));
      }
      for (ConditionalSubject c : conditionalSubjects(node)) {
        action.accept(decode(node, c.code(), c.condition()));
      }
    }
  }

  private long[] allNodes() {
    long[] a = forward.keys();
    if (!anyConditional) {
      return a;
    }
    long[] b = conditional.keys();
    long[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    Arrays.sort(all);
    int n = 0;
    for (int i = 0; i < all.length; i++) {
      if (i == 0 || all[i] != all[i - 1]) {
        all[n++] = all[i];
      }
    }
    return Arrays.copyOf(all, n);
  }

  /** The nodes of every relation on one entity that hold at least one grant. */
  public long[] nodesOn(int type, long object) {
    long[] out = new long[8];
    int n = 0;
    for (int r = 1; r < relations.limit(); r++) {
      long node = Codes.node(type, object, r);
      if (forward.get(node) != null || (anyConditional && conditional.get(node) != null)) {
        if (n == out.length) {
          out = Arrays.copyOf(out, n * 2);
        }
        out[n++] = node;
      }
    }
    return Arrays.copyOf(out, n);
  }

  /** Rough bytes held by the index structures, for memory reports. */
  public long approximateBytes() {
    long[] total = {forward.tableBytes() + reverse.tableBytes() + ids.bytes()};
    forward.forEach((k, v) -> total[0] += 16 + 8L * v.length);
    reverse.forEach((k, v) -> total[0] += 16 + 8L * v.length);
    return total[0];
  }

  // ---------------------------------------------------------------- bulk load

  /**
   * A loader for many grants at once, much faster than single applies: it groups and sorts each
   * node's subjects once. The index is write-locked from {@link IndexLoader#finish} only, so
   * readers see the load all at once.
   */
  public IndexLoader loader() {
    return new IndexLoader(this);
  }

  /** Used by {@link IndexLoader} under the write lock. */
  void bulkApply(
      LongObjectMap<LongBuffer> fwd,
      LongObjectMap<LongBuffer> rev,
      List<Change> conditionalWrites,
      long loadedRevision) {
    long stamp = lock.writeLock();
    try {
      fwd.forEach(
          (node, buf) -> {
            long[] before = forward.get(node);
            long[] after = buf.mergeInto(before);
            grants += after.length - (before == null ? 0 : before.length);
            forward.put(node, after);
          });
      rev.forEach((code, buf) -> reverse.put(code, buf.mergeInto(reverse.get(code))));
      for (Change c : conditionalWrites) {
        applyOne(c);
      }
      revision = Math.max(revision, loadedRevision);
    } finally {
      lock.unlockWrite(stamp);
    }
    revisionAdvanced();
  }

  /** Interns a chunk of grants for the loader under one write lock: {node, code} pairs. */
  long[] internForLoad(List<Grant> chunk) {
    long[] pairs = new long[chunk.size() * 2];
    long stamp = lock.writeLock();
    try {
      for (int i = 0; i < chunk.size(); i++) {
        pairs[2 * i] = internNode(chunk.get(i));
        pairs[2 * i + 1] = internSubject(chunk.get(i).subject());
      }
    } finally {
      lock.unlockWrite(stamp);
    }
    return pairs;
  }
}
