package dev.warden;

import dev.warden.api.AuthorizedUsers;
import dev.warden.api.Authorizer;
import dev.warden.api.Change;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.Decision;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Explanation;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.RecordingAuthorizer;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.engine.Engine;
import dev.warden.engine.EngineOptions;
import dev.warden.engine.WriteValidator;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.model.TypeKind;
import dev.warden.model.validate.PolicyValidator;
import dev.warden.model.validate.Problem;
import dev.warden.store.PolicyStore;
import dev.warden.store.PolicyVersion;
import dev.warden.store.TupleStore;
import dev.warden.store.index.ActivationGate;
import dev.warden.store.index.RelationshipIndex;
import dev.warden.store.memory.MemoryStore;
import dev.warden.store.replica.IndexReplica;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The embedded authorizer: a policy, a store, and the engine that evaluates on an in-memory index
 * of the store's grants. An in-memory store is its own index; any other store (SQLite, PostgreSQL)
 * is loaded into an index replica at build time, which then tails the store's changes: promptly
 * when the store announces a commit, and at the poll interval otherwise.
 *
 * <pre>{@code
 * Warden warden = Warden.builder().policy(Path.of("policy.warden")).build();
 * warden.write(WriteBatch.touch("Repository:gmail#admin@User:larry"));
 * boolean ok = warden.check(CheckRequest.of("User:larry", "read", "Repository:gmail")).allowed();
 * }</pre>
 *
 * Thread-safe. Writes are validated against the policy before they reach the store, so a bad grant
 * never changes stored data. A write through this instance is visible to its next check
 * (read-your-writes); a write through another instance over the same store is visible to a check
 * that asks for {@link Consistency#atLeast} its revision.
 *
 * <p>The policy follows the store's activations: a version activated in the store ({@link
 * #activateInStore}, {@code PUT /v1/policy}, {@code warden policy push}) is a revision of the
 * changelog, and this instance enforces it from that revision on, like every other instance over
 * the same store. At build time it enforces the policy it was given.
 */
public final class Warden implements Authorizer, AutoCloseable {

  /** How often an index replica polls its store by default. */
  public static final Duration DEFAULT_POLL_INTERVAL = Duration.ofSeconds(1);

  private static final Logger LOG = Logger.getLogger(Warden.class.getName());

  private final TupleStore store;
  private final EngineOptions options;

  /** Checks and bulk checks go through it: it mints their ids and records them, if a log is set. */
  private final Authorizer recording;

  private final IndexReplica replica;
  private final ActivationGate gate = this::activating;

  /**
   * Guards replacing the engine. Reads are optimistic: they evaluate on the engine they find and
   * are retried when a switch overlapped them (see {@link #evaluate}), so a policy activation and
   * the revision that carries it are seen together or not at all.
   */
  private final StampedLock switching = new StampedLock();

  private volatile Engine engine;

  /** The stored version {@link #engine} enforces; 0 when its policy came from elsewhere. */
  private volatile long storedVersion;

  private Warden(
      Policy policy,
      TupleStore store,
      EngineOptions options,
      DecisionLog decisionLog,
      Duration pollInterval) {
    this.store = store;
    this.options = options;
    this.recording = RecordingAuthorizer.logging(new Unrecorded(), decisionLog, "embedded");
    if (store instanceof MemoryStore memory) {
      // The memory store is its own index: evaluate on it, and switch with its activations.
      this.replica = null;
      this.engine = Engine.create(policy, memory.index(), options);
      memory.index().addActivationGate(gate);
    } else {
      this.replica = IndexReplica.start(store, pollInterval, index -> indexLoaded(policy, index));
    }
  }

  /**
   * The replica loaded an index: the first (no engine yet) or a replacement after falling behind
   * the changelog, which keeps the policy enforced now. Runs before any change reaches the index.
   */
  private void indexLoaded(Policy initial, RelationshipIndex index) {
    index.addActivationGate(gate);
    long stamp = switching.writeLock();
    try {
      Engine e = engine;
      engine = Engine.create(e == null ? initial : e.policy(), index, options);
    } finally {
      switching.unlockWrite(stamp);
    }
  }

  /**
   * The index is about to apply changes that activate a stored policy version: the engine switches
   * to it in the same step, so revision {@code r} is never evaluated under another policy than the
   * one active at {@code r}. A version that cannot be read or compiled here is logged and the
   * current policy stays (the activating side compiled it before activating).
   */
  private void activating(Change.PolicyActivated activation, Runnable apply) {
    // Built before the switch, on the index about to apply the activation (only this thread
    // replaces it): a failure here leaves the changes to apply and the current policy in place.
    Engine next = storedEngine(activation.version(), engine.index());
    long stamp = switching.writeLock();
    try {
      apply.run();
      if (next != null) {
        engine = next;
        storedVersion = activation.version();
      }
    } finally {
      switching.unlockWrite(stamp);
    }
  }

  private Engine storedEngine(long version, RelationshipIndex index) {
    if (!(store instanceof PolicyStore policies)) {
      return null;
    }
    try {
      PolicyVersion v =
          policies
              .policyVersion(version)
              .orElseThrow(
                  () ->
                      new WardenException(
                          ErrorCode.INTERNAL, "the store has no policy version " + version));
      Policy p = compileStored(v);
      requireActivatable(p);
      return Engine.create(p, index, options);
    } catch (RuntimeException e) {
      LOG.log(
          Level.SEVERE,
          "policy version "
              + version
              + " was activated but cannot be enforced here; the current policy stays",
          e);
      return null;
    }
  }

  private static Policy compileStored(PolicyVersion v) {
    return PolicyCompiler.compile(new SourceFile("policy version " + v.version(), v.source()))
        .policyOrThrow();
  }

  /**
   * Evaluates on the current engine; when a policy switch overlapped the call, evaluates again on
   * the new one. Evaluation has no side effects, so a repeat is safe.
   */
  private <T> T evaluate(Function<Engine, T> call) {
    while (true) {
      long stamp = switching.tryOptimisticRead();
      if (stamp == 0) {
        // A switch is in progress: wait for it (without holding anything while evaluating, as an
        // at_least read may wait for the very revision the switch applies).
        switching.unlockRead(switching.readLock());
        continue;
      }
      T out;
      try {
        out = call.apply(engine);
      } catch (RuntimeException e) {
        if (switching.validate(stamp)) {
          throw e;
        }
        continue;
      }
      if (switching.validate(stamp)) {
        return out;
      }
    }
  }

  /**
   * Before an {@code at_least} read the index has not reached: catches up now rather than at the
   * next poll. If that is not enough (the revision is not committed yet, or the store fails), the
   * engine then waits, bounded, and reports a consistency timeout.
   */
  private void freshen(Consistency c) {
    if (replica != null
        && c instanceof Consistency.AtLeast at
        && engine.index().revision() < at.revision()) {
      try {
        replica.catchUpTo(at.revision());
      } catch (WardenException e) {
        // The background tailer keeps trying; the engine's bounded wait reports the outcome.
        replica.nudge();
      }
    }
  }

  /** A builder; only the policy is required. */
  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Decision check(CheckRequest request) {
    return recording.check(request);
  }

  @Override
  public List<Decision> checkBulk(List<CheckRequest> requests) {
    return recording.checkBulk(requests);
  }

  /**
   * Checks as the engine answers them, before {@link RecordingAuthorizer} gives them ids and
   * records them; explanations and lookups are this instance's own, which record nothing.
   */
  private final class Unrecorded implements Authorizer {

    @Override
    public Decision check(CheckRequest request) {
      freshen(request.consistency());
      return evaluate(e -> e.check(request));
    }

    @Override
    public List<Decision> checkBulk(List<CheckRequest> requests) {
      requests.forEach(r -> freshen(r.consistency()));
      return evaluate(e -> e.checkBulk(requests));
    }

    @Override
    public Explanation explain(CheckRequest request) {
      return Warden.this.explain(request);
    }

    @Override
    public LookupResourcesResult lookupResources(LookupResourcesRequest request) {
      return Warden.this.lookupResources(request);
    }

    @Override
    public LookupSubjectsResult lookupSubjects(LookupSubjectsRequest request) {
      return Warden.this.lookupSubjects(request);
    }
  }

  @Override
  public Explanation explain(CheckRequest request) {
    freshen(request.consistency());
    return evaluate(e -> e.explain(request));
  }

  @Override
  public LookupResourcesResult lookupResources(LookupResourcesRequest request) {
    freshen(request.consistency());
    return evaluate(e -> e.lookupResources(request));
  }

  @Override
  public LookupSubjectsResult lookupSubjects(LookupSubjectsRequest request) {
    freshen(request.consistency());
    return evaluate(e -> e.lookupSubjects(request));
  }

  /** A subject lookup in the authorized-users shape of Permit.io's PDP. */
  public AuthorizedUsers authorizedUsers(LookupSubjectsRequest request) {
    if (request.subjectRelation() != null) {
      throw WardenException.invalid(
          "authorized users lists users, not usersets; ask lookupSubjects for `"
              + request.subjectType()
              + "#"
              + request.subjectRelation()
              + "`");
    }
    freshen(request.consistency());
    return evaluate(
        e ->
            AuthorizedUsers.of(
                request, e.lookupSubjects(request), e.tenantType(request.resourceType())));
  }

  /**
   * Validates the batch against the policy, then writes it atomically.
   *
   * <p>When this method returns, this instance's index has applied the batch (read-your-writes).
   *
   * @return the revision at which the batch is visible
   * @throws WardenException {@code INVALID_GRANT} before anything is written when a mutation does
   *     not fit the policy, {@code PRECONDITION_FAILED} when a precondition fails
   */
  public long write(WriteBatch batch) {
    long revision = store.write(engine.validator().validate(batch));
    if (replica != null) {
      replica.catchUpTo(revision);
    }
    return revision;
  }

  /** Touches grants given in text form, such as {@code Repository:gmail#admin@User:larry}. */
  public long grant(String... grants) {
    return write(WriteBatch.touch(grants));
  }

  /** Replaces the stored attributes of an entity. */
  public long setAttributes(EntityRef entity, Map<String, Object> attributes) {
    return write(WriteBatch.attributes(entity, attributes));
  }

  /**
   * A validator for writes straight into a store without a {@code Warden} over it (an import, a
   * migration script): it checks every mutation against the store's active policy, exactly as
   * {@link #write} checks against this instance's.
   *
   * @throws WardenException {@code INVALID_POLICY} when the store has no active policy, or its
   *     active version no longer compiles
   */
  public static WriteValidator storeValidator(PolicyStore store) {
    PolicyVersion active =
        store
            .activePolicy()
            .orElseThrow(
                () ->
                    new WardenException(
                        ErrorCode.INVALID_POLICY,
                        "the store has no active policy to check writes against; activate one"
                            + " first or check them against a policy file"));
    return WriteValidator.forPolicy(compileStored(active));
  }

  /** The active policy. */
  public Policy policy() {
    return engine.policy();
  }

  /**
   * The store's policy version this instance enforces since it applied that version's activation; 0
   * while it enforces a policy given otherwise (to the builder, or to {@link #activate}).
   */
  public long policyVersion() {
    return storedVersion;
  }

  /**
   * Replaces the policy of this instance only, at once; checks in flight finish on the old one.
   * Other instances over the same store keep theirs, and this one switches again when it applies a
   * later activation from the store: to change the policy of every replica, use {@link
   * #activateInStore}.
   *
   * @throws WardenException {@code INVALID_POLICY} when the policy cannot be activated (see {@link
   *     #requireActivatable}); the old policy then stays active
   */
  public void activate(Policy policy) {
    requireActivatable(Objects.requireNonNull(policy, "policy"));
    long stamp = switching.writeLock();
    try {
      engine = Engine.create(policy, engine.index(), options);
      storedVersion = 0;
    } finally {
      switching.unlockWrite(stamp);
    }
  }

  /**
   * Saves the source as the store's next policy version and activates it there. The activation is a
   * revision of its own ({@link Change.PolicyActivated}): every {@code Warden} over the store
   * switches to the version as it applies that revision (when told of the commit, at its next poll,
   * or for a read at least that revision), so all of them evaluate each revision under the same
   * policy. This one has switched when the method returns; {@link #revision()} is then at least the
   * activation's revision.
   *
   * @param name the name diagnostics give the source
   * @return the saved version
   * @throws WardenException {@code INVALID_POLICY} with every diagnostic when the source does not
   *     compile or cannot be activated (nothing is saved then); {@code UNAVAILABLE} when the store
   *     keeps no policy versions
   */
  public PolicyVersion activateInStore(String name, String source) {
    Policy compiled = PolicyCompiler.compile(new SourceFile(name, source)).policyOrThrow();
    requireActivatable(compiled);
    PolicyVersion saved = PolicyStore.of(store).savePolicy(source, true);
    if (replica != null) {
      replica.catchUp();
    }
    return saved;
  }

  /**
   * Stores and activates a policy another front end built (an importer), as its Warden rendering
   * ({@link PolicyRenderer}), which is what the store versions and what {@code GET /v1/policy}
   * shows. The policy is validated first, and the rendering must compile back to the same policy;
   * otherwise nothing is saved.
   *
   * @param name the name diagnostics give the rendered source
   * @throws WardenException {@code INVALID_POLICY} when the policy cannot be activated or has no
   *     faithful Warden rendering
   */
  public PolicyVersion activateInStore(String name, Policy policy) {
    requireActivatable(policy);
    String source;
    try {
      source = PolicyRenderer.render(policy);
    } catch (IllegalArgumentException e) {
      throw new WardenException(
          ErrorCode.INVALID_POLICY, "the policy has no Warden rendering: " + e.getMessage());
    }
    Policy reread = PolicyCompiler.compile(new SourceFile(name, source)).policyOrThrow();
    if (!PolicyRenderer.sameMeaning(policy, reread)) {
      throw new WardenException(
          ErrorCode.INVALID_POLICY,
          "the policy's Warden rendering does not compile back to the same policy; nothing saved");
    }
    return activateInStore(name, source);
  }

  /**
   * The problems the model validator finds in {@code policy}, whichever front end built it: unknown
   * names, {@code on} that cannot be followed, rewrite cycles. Empty when it is sound, as every
   * policy compiled from source without errors is.
   */
  public static List<Problem> validate(Policy policy) {
    return PolicyValidator.validate(Objects.requireNonNull(policy, "policy"));
  }

  /**
   * Refuses a policy the model validator finds problems in (see {@link #validate}), and one that
   * declares no resource type: activated, it would deny every check, which is almost always an
   * empty or truncated file rather than an intent.
   *
   * @throws WardenException {@code INVALID_POLICY}
   */
  public static void requireActivatable(Policy policy) {
    List<Problem> problems = validate(policy);
    if (!problems.isEmpty()) {
      StringBuilder sb = new StringBuilder("the policy is not sound:");
      for (Problem p : problems) {
        sb.append("\n").append(p.code()).append(": ").append(p.message());
      }
      throw new WardenException(ErrorCode.INVALID_POLICY, sb.toString());
    }
    boolean anyResource =
        policy.types().values().stream().anyMatch(t -> t.kind() == TypeKind.RESOURCE);
    if (!anyResource) {
      throw new WardenException(
          ErrorCode.INVALID_POLICY,
          "the policy declares no resource type, so it would deny every check; declare at least"
              + " one `resource` before activating it");
    }
  }

  /** The store grants are written to. */
  public TupleStore store() {
    return store;
  }

  /** The revision the index has applied. */
  public long revision() {
    return engine.index().revision();
  }

  @Override
  public void close() {
    if (replica != null) {
      replica.close();
    } else {
      engine.index().removeActivationGate(gate);
    }
    store.close();
  }

  /** Builds a {@link Warden}. */
  public static final class Builder {
    private Policy policy;
    private TupleStore store;
    private EngineOptions options = EngineOptions.defaults();
    private DecisionLog decisionLog = DecisionLog.NONE;
    private Duration pollInterval = DEFAULT_POLL_INTERVAL;

    private Builder() {}

    /**
     * How often an index replica polls the store for changes it was not told about (other
     * processes' writes to a SQLite file, NOTIFY lost while PostgreSQL reconnects); 1 s by default.
     * Unused for an in-memory store.
     */
    public Builder pollInterval(Duration interval) {
      Objects.requireNonNull(interval, "pollInterval");
      if (interval.isNegative() || interval.isZero()) {
        throw new IllegalArgumentException("the poll interval must be positive, was " + interval);
      }
      this.pollInterval = interval;
      return this;
    }

    /** The compiled policy to enforce. */
    public Builder policy(Policy compiled) {
      this.policy = Objects.requireNonNull(compiled, "policy");
      return this;
    }

    /**
     * The policy file to enforce, compiled now.
     *
     * @throws WardenException {@code INVALID_POLICY} with every rendered diagnostic when it does
     *     not compile
     */
    public Builder policy(Path file) {
      try {
        return policy(PolicyCompiler.compile(SourceFile.read(file)).policyOrThrow());
      } catch (IOException e) {
        throw new WardenException(
            ErrorCode.INVALID_POLICY, "cannot read policy `" + file + "`: " + e.getMessage());
      }
    }

    /** Policy source text, named {@code name} in diagnostics, compiled now. */
    public Builder policy(String name, String source) {
      return policy(PolicyCompiler.compile(new SourceFile(name, source)).policyOrThrow());
    }

    /** The store; an in-memory store by default. */
    public Builder store(TupleStore tupleStore) {
      this.store = Objects.requireNonNull(tupleStore, "store");
      return this;
    }

    /** Where to record every check's decision; nothing by default. */
    public Builder decisionLog(DecisionLog log) {
      this.decisionLog = Objects.requireNonNull(log, "decisionLog");
      return this;
    }

    /** Engine options; {@link EngineOptions#defaults()} by default. */
    public Builder options(EngineOptions engineOptions) {
      this.options = Objects.requireNonNull(engineOptions, "options");
      return this;
    }

    /** The authorizer. */
    public Warden build() {
      if (policy == null) {
        throw new IllegalStateException("a policy is required: call policy(...) before build()");
      }
      return new Warden(
          policy, store != null ? store : new MemoryStore(), options, decisionLog, pollInterval);
    }
  }
}
