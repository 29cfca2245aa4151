package dev.warden.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.Change;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.GrantCondition;
import dev.warden.api.GrantFilter;
import dev.warden.api.Mutation;
import dev.warden.api.Page;
import dev.warden.api.Precondition;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link TupleStore} contract, written once and run by every store: each store module extends
 * this class and says how to open a fresh, empty store. Published in warden-core's test-jar.
 *
 * <p>Besides the SPI itself it checks the embedded facade over the store, since that is how the
 * store is used: a {@link Warden} loads its index from the store, reads its own writes, and rejects
 * writes the policy does not allow before the store sees them.
 */
public abstract class TupleStoreContract {

  /** The policy the facade tests use. */
  protected static final String POLICY =
      """
      actor User {}

      actor Group {
        relations = { member: User | Group#member };
      }

      resource Repository {
        permissions = ["read", "push"];
        roles = ["contributor", "maintainer"];
        relations = { parent: Repository };
        attributes = { is_public: bool, stars: int };
        "contributor" if "maintainer";
        "read" if "contributor";
        "push" if "maintainer";
        "read" if resource.is_public;
      }

      condition before(deadline: timestamp) { context.now < deadline }
      """;

  private final List<AutoCloseable> opened = new ArrayList<>();

  /** A fresh, empty store; each test gets its own. */
  protected abstract TupleStore newStore();

  /**
   * A second, independent handle on the same storage as {@code store} (another connection pool, as
   * another process would have), for tests that need two writers or two engines. By default the
   * same instance, for stores that cannot be shared.
   */
  protected TupleStore sameStorage(TupleStore store) {
    return store;
  }

  private TupleStore store() {
    return track(newStore());
  }

  private <T extends AutoCloseable> T track(T resource) {
    opened.add(resource);
    return resource;
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (int i = opened.size() - 1; i >= 0; i--) {
      opened.get(i).close();
    }
  }

  private static Grant g(String text) {
    return Grant.parse(text);
  }

  private static List<Grant> all(TupleStore s) {
    List<Grant> out = new ArrayList<>();
    String cursor = null;
    do {
      Page<Grant> p = s.read(GrantFilter.ALL, cursor, 1000);
      out.addAll(p.items());
      cursor = p.nextCursor();
    } while (cursor != null);
    return out;
  }

  // ---------------------------------------------------------------- writes

  @Test
  void anEmptyStoreIsAtRevisionZeroAndHoldsNothing() {
    TupleStore s = store();
    assertThat(s.revision()).isZero();
    assertThat(all(s)).isEmpty();
    assertThat(s.changes(0, 10)).isEmpty();
    List<Object> seen = new ArrayList<>();
    assertThat(s.scan(visitor(seen, seen))).isZero();
    assertThat(seen).isEmpty();
  }

  @Test
  void writesReturnIncreasingRevisionsAndTheStoreReportsTheLast() {
    TupleStore s = store();
    long r1 = s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    long r2 = s.write(WriteBatch.touch("Repository:b#maintainer@User:ann"));
    assertThat(r1).isPositive();
    assertThat(r2).isGreaterThan(r1);
    assertThat(s.revision()).isEqualTo(r2);
  }

  @Test
  void touchingAnIdenticalGrantChangesNothing() {
    TupleStore s = store();
    long r1 = s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    long r2 = s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    assertThat(r2).isEqualTo(r1);
    assertThat(s.changes(0, 100)).hasSize(1);
    assertThat(all(s)).containsExactly(g("Repository:a#maintainer@User:ann"));
  }

  @Test
  void touchReplacesTheConditionOfAnExistingTriple() {
    TupleStore s = store();
    Grant plain = g("Repository:a#contributor@User:ann");
    Grant conditional =
        plain.withCondition(
            new GrantCondition("before", Map.of("deadline", "2030-01-01T00:00:00Z")));
    s.write(WriteBatch.touch(List.of(plain)));
    long r = s.write(WriteBatch.touch(List.of(conditional)));
    assertThat(all(s)).containsExactly(conditional);
    assertThat(s.changes(r - 1, 10)).containsExactly(new Change.GrantWritten(r, conditional));
    s.write(WriteBatch.touch(List.of(plain)));
    assertThat(all(s)).containsExactly(plain);
  }

  @Test
  void conditionContextsAndAttributesKeepTheirJsonShape() {
    TupleStore s = store();
    Map<String, Object> values = new LinkedHashMap<>();
    values.put("text", "x y");
    values.put("count", 42L);
    values.put("big", 9_007_199_254_740_993L);
    values.put("ratio", 0.25d);
    values.put("flag", true);
    values.put("list", List.of("a", 1L, false));
    values.put("nested", Map.of("k", List.of(Map.of("deep", 2.5d))));
    Grant grant =
        g("Repository:a#contributor@User:ann").withCondition(new GrantCondition("c", values));
    EntityRef repo = EntityRef.of("Repository", "a");
    s.write(
        new WriteBatch(
            List.of(new Mutation.Touch(grant), new Mutation.SetAttributes(repo, values)),
            List.of()));
    assertThat(all(s)).containsExactly(grant);
    assertThat(s.attributes(repo)).isEqualTo(values);
    // Identical again: nothing changes, even after the values went through the store's encoding.
    long before = s.revision();
    assertThat(
            s.write(
                new WriteBatch(
                    List.of(new Mutation.Touch(grant), new Mutation.SetAttributes(repo, values)),
                    List.of())))
        .isEqualTo(before);
  }

  @Test
  void aFailedCreateFailsTheWholeBatch() {
    TupleStore s = store();
    long r = s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    WriteBatch batch =
        new WriteBatch(
            List.of(
                new Mutation.Touch(g("Repository:b#maintainer@User:bob")),
                new Mutation.SetAttributes(EntityRef.of("Repository", "b"), Map.of("stars", 3L)),
                new Mutation.Create(g("Repository:a#maintainer@User:ann"))),
            List.of());
    assertThatThrownBy(() -> s.write(batch))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.PRECONDITION_FAILED))
        .hasMessageContaining("Repository:a#maintainer@User:ann");
    assertThat(s.revision()).isEqualTo(r);
    assertThat(all(s)).containsExactly(g("Repository:a#maintainer@User:ann"));
    assertThat(s.attributes(EntityRef.of("Repository", "b"))).isEmpty();
    assertThat(s.changes(r, 10)).isEmpty();
  }

  @Test
  void createAddsAMissingGrant() {
    TupleStore s = store();
    s.write(
        new WriteBatch(
            List.of(new Mutation.Create(g("Repository:a#maintainer@User:ann"))), List.of()));
    assertThat(all(s)).containsExactly(g("Repository:a#maintainer@User:ann"));
  }

  @Test
  void preconditionsAreCheckedAgainstTheStateBeforeTheBatch() {
    TupleStore s = store();
    s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    GrantFilter annOnA = new GrantFilter("Repository", "a", null, "User", "ann", null);
    GrantFilter bobOnA = new GrantFilter("Repository", "a", null, "User", "bob", null);
    WriteBatch ok =
        WriteBatch.touch("Repository:a#contributor@User:bob")
            .requiring(Precondition.mustMatch(annOnA))
            .requiring(Precondition.mustNotMatch(bobOnA));
    long r = s.write(ok);
    assertThat(all(s)).hasSize(2);

    WriteBatch failing =
        WriteBatch.touch("Repository:c#contributor@User:cid")
            .requiring(Precondition.mustNotMatch(bobOnA));
    assertThatThrownBy(() -> s.write(failing))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
    WriteBatch failingMust =
        WriteBatch.touch("Repository:c#contributor@User:cid")
            .requiring(
                Precondition.mustMatch(
                    new GrantFilter("Repository", "zzz", null, null, null, null)));
    assertThatThrownBy(() -> s.write(failingMust))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.PRECONDITION_FAILED));
    assertThat(s.revision()).isEqualTo(r);
    assertThat(all(s)).hasSize(2);
  }

  @Test
  void deletesRemoveGrantsAndDeletingAMissingGrantChangesNothing() {
    TupleStore s = store();
    Grant conditional =
        g("Repository:a#contributor@User:ann").withCondition(GrantCondition.of("before"));
    s.write(WriteBatch.touch(List.of(conditional, g("Repository:a#maintainer@User:bob"))));
    // A delete names the triple; the condition it carries does not matter.
    long r = s.write(WriteBatch.delete(List.of(g("Repository:a#contributor@User:ann"))));
    assertThat(all(s)).containsExactly(g("Repository:a#maintainer@User:bob"));
    assertThat(s.changes(r - 1, 10)).containsExactly(new Change.GrantDeleted(r, conditional));
    assertThat(s.write(WriteBatch.delete(List.of(g("Repository:zz#maintainer@User:nobody")))))
        .isEqualTo(r);
  }

  @Test
  void deleteMatchingRemovesEveryMatchIncludingThoseWrittenEarlierInTheBatch() {
    TupleStore s = store();
    s.write(
        WriteBatch.touch(
            "Repository:a#maintainer@User:ann",
            "Repository:a#contributor@User:bob",
            "Repository:b#maintainer@User:ann"));
    GrantFilter onA = new GrantFilter("Repository", "a", null, null, null, null);
    s.write(
        new WriteBatch(
            List.of(
                new Mutation.Touch(g("Repository:a#contributor@User:cid")),
                new Mutation.DeleteMatching(onA),
                new Mutation.Touch(g("Repository:a#contributor@User:dan"))),
            List.of()));
    assertThat(all(s))
        .containsExactlyInAnyOrder(
            g("Repository:b#maintainer@User:ann"), g("Repository:a#contributor@User:dan"));
  }

  @Test
  void attributesAreReplacedWholeAndAnEmptyMapRemovesThem() {
    TupleStore s = store();
    EntityRef repo = EntityRef.of("Repository", "a");
    s.write(WriteBatch.attributes(repo, Map.of("is_public", true, "stars", 5L)));
    assertThat(s.attributes(repo)).isEqualTo(Map.of("is_public", true, "stars", 5L));
    long r = s.write(WriteBatch.attributes(repo, Map.of("stars", 6L)));
    assertThat(s.attributes(repo)).isEqualTo(Map.of("stars", 6L));
    assertThat(s.changes(r - 1, 10))
        .containsExactly(new Change.AttributesSet(r, repo, Map.of("stars", 6L)));
    s.write(WriteBatch.attributes(repo, Map.of()));
    assertThat(s.attributes(repo)).isEmpty();
    assertThat(s.attributes(EntityRef.of("Repository", "never"))).isEmpty();
  }

  @Test
  void concurrentWritersGetDistinctRevisionsAndTheChangelogHasEveryBatchInOrder() throws Exception {
    TupleStore s = store();
    TupleStore other = track(sameStorage(s));
    int threads = 4;
    int perThread = 15;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<List<Long>>> futures = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        TupleStore target = t % 2 == 0 ? s : other;
        futures.add(
            pool.submit(
                () -> {
                  List<Long> revisions = new ArrayList<>();
                  for (int i = 0; i < perThread; i++) {
                    revisions.add(
                        target.write(
                            WriteBatch.touch(
                                "Repository:r" + thread + "_" + i + "#maintainer@User:u" + i,
                                "Repository:r" + thread + "_" + i + "#contributor@User:v" + i)));
                  }
                  return revisions;
                }));
      }
      Set<Long> revisions = new HashSet<>();
      for (Future<List<Long>> f : futures) {
        revisions.addAll(f.get(60, TimeUnit.SECONDS));
      }
      assertThat(revisions).hasSize(threads * perThread);
    } finally {
      pool.shutdownNow();
    }
    List<Change> changes = s.changes(0, 10_000);
    assertThat(changes).hasSize(threads * perThread * 2);
    for (int i = 1; i < changes.size(); i++) {
      assertThat(changes.get(i).revision()).isGreaterThanOrEqualTo(changes.get(i - 1).revision());
    }
    assertThat(s.revision()).isEqualTo(changes.get(changes.size() - 1).revision());
  }

  // ---------------------------------------------------------------- reads

  @Test
  void readsFilterOnEveryPart() {
    TupleStore s = store();
    s.write(
        WriteBatch.touch(
            "Repository:a#maintainer@User:ann",
            "Repository:a#contributor@Group:eng#member",
            "Repository:b#contributor@User:*",
            "Group:eng#member@User:bob"));
    assertThat(s.read(GrantFilter.resourceType("Repository"), null, 10).items()).hasSize(3);
    assertThat(s.read(new GrantFilter("Repository", "a", null, null, null, null), null, 10).items())
        .hasSize(2);
    assertThat(
            s.read(new GrantFilter(null, null, "contributor", null, null, null), null, 10).items())
        .hasSize(2);
    assertThat(s.read(new GrantFilter(null, null, null, "Group", null, null), null, 10).items())
        .containsExactly(g("Repository:a#contributor@Group:eng#member"));
    assertThat(s.read(new GrantFilter(null, null, null, "User", "*", null), null, 10).items())
        .containsExactly(g("Repository:b#contributor@User:*"));
    assertThat(
            s.read(new GrantFilter(null, null, null, "Group", "eng", "member"), null, 10).items())
        .containsExactly(g("Repository:a#contributor@Group:eng#member"));
    assertThat(s.read(new GrantFilter(null, null, null, "User", "bob", null), null, 10).items())
        .containsExactly(g("Group:eng#member@User:bob"));
    assertThat(s.read(new GrantFilter("Nothing", null, null, null, null, null), null, 10).items())
        .isEmpty();
  }

  @Test
  void pagesCoverEveryGrantOnceAndCarryTheRevision() {
    TupleStore s = store();
    List<Grant> written = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      written.add(g("Repository:r" + (i % 5) + "#maintainer@User:u" + i));
    }
    long r = s.write(WriteBatch.touch(written));
    List<Grant> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      Page<Grant> p = s.read(GrantFilter.resourceType("Repository"), cursor, 7);
      assertThat(p.items()).hasSizeLessThanOrEqualTo(7);
      assertThat(p.revision()).isEqualTo(r);
      seen.addAll(p.items());
      cursor = p.nextCursor();
      pages++;
    } while (cursor != null);
    assertThat(pages).isEqualTo(4);
    assertThat(seen).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(written);
  }

  @Test
  void aCursorContinuesAfterItsLastItemWhenGrantsAreWrittenMeanwhile() {
    TupleStore s = store();
    List<Grant> written = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      written.add(g("Repository:r" + i + "#maintainer@User:u" + i));
    }
    s.write(WriteBatch.touch(written));
    Page<Grant> first = s.read(GrantFilter.ALL, null, 5);
    s.write(WriteBatch.delete(List.of(first.items().get(4))));
    s.write(WriteBatch.touch("Repository:r0#contributor@User:late"));
    List<Grant> rest = new ArrayList<>();
    String cursor = first.nextCursor();
    while (cursor != null) {
      Page<Grant> p = s.read(GrantFilter.ALL, cursor, 5);
      rest.addAll(p.items());
      cursor = p.nextCursor();
    }
    assertThat(rest).doesNotContainAnyElementsOf(first.items());
    List<Grant> union = new ArrayList<>(first.items());
    union.addAll(rest);
    assertThat(union).containsAll(written);
  }

  @Test
  void aCursorFromElsewhereAndANonPositiveLimitAreRejected() {
    TupleStore s = store();
    s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    assertThatThrownBy(() -> s.read(GrantFilter.ALL, "not a cursor!", 10))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
    assertThatThrownBy(() -> s.read(GrantFilter.ALL, null, 0))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST));
  }

  // ---------------------------------------------------------------- changes, scan, watch

  @Test
  void changesComeInRevisionOrderAndALimitNeverSplitsABatch() {
    TupleStore s = store();
    long r1 =
        s.write(
            WriteBatch.touch(
                "Repository:a#maintainer@User:ann", "Repository:a#maintainer@User:bob"));
    long r2 =
        s.write(
            new WriteBatch(
                List.of(
                    new Mutation.Delete(g("Repository:a#maintainer@User:ann")),
                    new Mutation.Touch(g("Repository:b#maintainer@User:cid")),
                    new Mutation.SetAttributes(
                        EntityRef.of("Repository", "b"), Map.of("is_public", true))),
                List.of()));
    long r3 = s.write(WriteBatch.touch("Repository:c#maintainer@User:dan"));

    List<Change> firstTwo = s.changes(0, 2);
    assertThat(firstTwo).hasSize(5);
    assertThat(firstTwo.subList(0, 2)).allMatch(c -> c.revision() == r1);
    assertThat(firstTwo.subList(2, 5))
        .containsExactlyInAnyOrder(
            new Change.GrantDeleted(r2, g("Repository:a#maintainer@User:ann")),
            new Change.GrantWritten(r2, g("Repository:b#maintainer@User:cid")),
            new Change.AttributesSet(
                r2, EntityRef.of("Repository", "b"), Map.of("is_public", true)));
    assertThat(s.changes(r2, 10))
        .containsExactly(new Change.GrantWritten(r3, g("Repository:c#maintainer@User:dan")));
    assertThat(s.changes(r3, 10)).isEmpty();
  }

  @Test
  void aScanVisitsEveryGrantAndAttributeAtTheRevisionItReturns() {
    TupleStore s = store();
    Grant conditional =
        g("Repository:a#contributor@User:ann")
            .withCondition(
                new GrantCondition("before", Map.of("deadline", "2030-01-01T00:00:00Z")));
    s.write(WriteBatch.touch(List.of(conditional, g("Repository:b#contributor@User:*"))));
    long r = s.write(WriteBatch.attributes(EntityRef.of("Repository", "b"), Map.of("stars", 1L)));
    List<Object> grants = new ArrayList<>();
    List<Object> attributes = new ArrayList<>();
    assertThat(s.scan(visitor(grants, attributes))).isEqualTo(r);
    assertThat(grants).containsExactlyInAnyOrder(conditional, g("Repository:b#contributor@User:*"));
    assertThat(attributes)
        .containsExactly(Map.entry(EntityRef.of("Repository", "b"), Map.of("stars", 1L)));
  }

  @Test
  void subscribersAreToldOfCommits() throws Exception {
    TupleStore s = store();
    CountDownLatch told = new CountDownLatch(1);
    Set<Long> revisions = ConcurrentHashMap.newKeySet();
    Subscription sub =
        s.subscribe(
            r -> {
              revisions.add(r);
              told.countDown();
            });
    try {
      long r = s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
      assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(revisions).allMatch(x -> x <= r).contains(r);
    } finally {
      sub.close();
    }
  }

  // ---------------------------------------------------------------- policy versions

  /** Every store in this project keeps policy versions too. */
  private static PolicyStore policies(TupleStore s) {
    assertThat(s).isInstanceOf(PolicyStore.class);
    return (PolicyStore) s;
  }

  @Test
  void policyVersionsAreNumberedKeptAndOneIsActive() {
    PolicyStore s = policies(store());
    assertThat(s.activePolicy()).isEmpty();
    assertThat(s.policyVersions()).isEmpty();
    PolicyVersion v1 = s.savePolicy("actor User {}\n", true);
    PolicyVersion v2 = s.savePolicy("actor User {}\nactor Bot {}\n", false);
    assertThat(v1.version()).isEqualTo(1);
    assertThat(v2.version()).isEqualTo(2);
    assertThat(s.activePolicy()).contains(v1);
    assertThat(s.policyVersions()).containsExactly(v1, v2);
    assertThat(s.activatePolicy(2)).isEqualTo(v2);
    assertThat(s.activePolicy()).contains(v2);
    assertThatThrownBy(() -> s.activatePolicy(3))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("no policy version 3");
    assertThat(s.activePolicy()).contains(v2);
    assertThat(s.policyVersion(1)).contains(v1);
    assertThat(s.policyVersion(2)).contains(v2);
    assertThat(s.policyVersion(3)).isEmpty();
    assertThat(s.policyVersion(0)).isEmpty();
  }

  @Test
  void activatingAPolicyIsARevisionOfItsOwnInTheChangelog() {
    TupleStore s = store();
    PolicyStore p = policies(s);
    long granted = s.write(WriteBatch.touch("Repository:a#maintainer@User:ann"));
    PolicyVersion v1 = p.savePolicy("actor User {}\n", true);
    long first = s.revision();
    assertThat(first).isEqualTo(granted + 1);
    PolicyVersion v2 = p.savePolicy("actor User {}\nactor Bot {}\n", false);
    assertThat(s.revision()).as("saving without activating commits nothing").isEqualTo(first);
    p.activatePolicy(v2.version());
    long second = s.revision();
    p.activatePolicy(v1.version());
    long third = s.revision();
    assertThat(second).isEqualTo(first + 1);
    assertThat(third).isEqualTo(second + 1);
    assertThat(s.changes(granted, 10))
        .containsExactly(
            new Change.PolicyActivated(first, 1),
            new Change.PolicyActivated(second, 2),
            new Change.PolicyActivated(third, 1));
    assertThat(s.changes(granted, 2))
        .as("an activation is a batch of its own")
        .containsExactly(
            new Change.PolicyActivated(first, 1), new Change.PolicyActivated(second, 2));
    long after = s.write(WriteBatch.touch("Repository:b#maintainer@User:bob"));
    assertThat(after).isEqualTo(third + 1);
    assertThat(s.changes(third, 10))
        .containsExactly(new Change.GrantWritten(after, g("Repository:b#maintainer@User:bob")));
    assertThat(p.activePolicy()).contains(v1);
  }

  @Test
  void subscribersAreToldOfActivations() throws Exception {
    TupleStore s = store();
    Set<Long> revisions = ConcurrentHashMap.newKeySet();
    CountDownLatch told = new CountDownLatch(1);
    Subscription sub =
        s.subscribe(
            r -> {
              revisions.add(r);
              told.countDown();
            });
    try {
      policies(s).savePolicy("actor User {}\n", true);
      long r = s.revision();
      assertThat(told.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(revisions).contains(r);
    } finally {
      sub.close();
    }
  }

  // ---------------------------------------------------------------- lifecycle

  @Test
  void aClosedStoreRefusesWork() {
    TupleStore s = newStore();
    s.close();
    assertThatThrownBy(() -> s.write(WriteBatch.touch("Repository:a#maintainer@User:ann")))
        .isInstanceOf(WardenException.class)
        .satisfies(e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
    assertThatThrownBy(() -> s.read(GrantFilter.ALL, null, 10))
        .isInstanceOf(WardenException.class)
        .satisfies(e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.UNAVAILABLE));
  }

  // ---------------------------------------------------------------- ids (docs/data-format.md)

  /**
   * {@code length} characters no compressor can shrink, so a store's index really holds them all.
   */
  private static String incompressible(java.util.Random random, String alphabet, int length) {
    StringBuilder s = new StringBuilder();
    while (s.length() < length) {
      s.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return s.toString();
  }

  @Test
  void theLongestIdsAreStoredAndReadBackWhole() {
    TupleStore s = store();
    java.util.Random random = new java.util.Random(1024);
    String ascii =
        "@#:/% \"[]*|.-_=+abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    String resourceId = incompressible(random, ascii, 1024);
    String subjectId = incompressible(random, ascii, 1024);
    // 341 three-byte characters and one more byte: 1,024 bytes of UTF-8 in both ids of one row.
    String wide = incompressible(random, "日本語漢字仮名文書", 341) + "a";
    List<Grant> grants =
        List.of(
            new Grant(
                EntityRef.of("Repository", resourceId),
                "contributor",
                SubjectRef.userset("Group", subjectId, "member"),
                null),
            new Grant(
                EntityRef.of("Repository", wide), "maintainer", SubjectRef.of("User", wide), null),
            g("Repository:\"john@smith.com\"#maintainer@User:\"mary jones@x.org\""));
    long r = s.write(WriteBatch.touch(grants));
    EntityRef attributed = EntityRef.of("Repository", resourceId);
    long r2 = s.write(WriteBatch.attributes(attributed, Map.of("stars", 1L)));
    assertThat(all(s)).containsExactlyInAnyOrderElementsOf(grants);
    assertThat(s.attributes(attributed)).isEqualTo(Map.of("stars", 1L));
    assertThat(
            s.read(new GrantFilter(null, null, null, "Group", subjectId, "member"), null, 10)
                .items())
        .containsExactly(grants.get(0));
    assertThat(s.changes(r - 1, 10))
        .startsWith(
            new Change.GrantWritten(r, grants.get(0)),
            new Change.GrantWritten(r, grants.get(1)),
            new Change.GrantWritten(r, grants.get(2)))
        .hasSize(4);
    assertThat(s.changes(r - 1, 10).get(3)).isInstanceOf(Change.AttributesSet.class);
    assertThat(r2).isGreaterThan(r);
    Page<Grant> first = s.read(GrantFilter.ALL, null, 1);
    assertThat(s.read(GrantFilter.ALL, first.nextCursor(), 10).items()).hasSize(2);
  }

  @Test
  void anIdOneByteOverTheLimitIsRefusedBeforeAnyStoreSeesIt() {
    TupleStore s = store();
    assertThatThrownBy(() -> EntityRef.of("Repository", "r".repeat(1025)))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("is 1025 bytes in UTF-8, more than the 1024 allowed");
    assertThatThrownBy(() -> SubjectRef.of("User", "日".repeat(341) + "ab"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("is 1025 bytes in UTF-8");
    assertThat(s.revision()).isZero();
  }

  @Test
  void emailIdsWorkThroughTheEmbeddedApi() {
    Warden w = warden(newStore());
    long r = w.grant("Repository:\"gmail\"#maintainer@User:\"john@smith.com\"");
    w.grant("Repository:oso#contributor@Group:\"eng@corp\"#member");
    w.grant("Group:\"eng@corp\"#member@User:\"mary@smith.com\"");
    assertThat(w.revision()).isGreaterThanOrEqualTo(r);
    assertThat(allowed(w, "User:john@smith.com", "push", "Repository:gmail")).isTrue();
    assertThat(allowed(w, "User:mary@smith.com", "read", "Repository:oso")).isTrue();
    assertThat(allowed(w, "User:john", "read", "Repository:gmail")).isFalse();
    assertThat(
            w.lookupResources(
                    dev.warden.api.LookupResourcesRequest.of(
                        EntityRef.of("User", "mary@smith.com"), "read", "Repository"))
                .ids())
        .containsExactly("oso");
    assertThat(
            w.lookupSubjects(
                    dev.warden.api.LookupSubjectsRequest.of(
                        "push", EntityRef.of("Repository", "gmail"), "User"))
                .subjects())
        .extracting(a -> a.subject())
        .containsExactly(SubjectRef.of("User", "john@smith.com"));
  }

  // ---------------------------------------------------------------- the facade over the store

  private Warden warden(TupleStore s) {
    return track(
        Warden.builder()
            .policy("contract.warden", POLICY)
            .store(s)
            .pollInterval(Duration.ofMillis(50))
            .build());
  }

  private static boolean allowed(Warden w, String actor, String action, String resource) {
    return w.check(CheckRequest.of(actor, action, resource)).allowed();
  }

  @Test
  void aWardenLoadsWhatTheStoreHeldAndReadsItsOwnWrites() {
    TupleStore s = newStore();
    s.write(
        WriteBatch.touch("Repository:a#maintainer@Group:eng#member", "Group:eng#member@User:ann"));
    s.write(WriteBatch.attributes(EntityRef.of("Repository", "pub"), Map.of("is_public", true)));
    Warden w = warden(s);
    assertThat(allowed(w, "User:ann", "push", "Repository:a")).isTrue();
    assertThat(allowed(w, "User:bob", "read", "Repository:pub")).isTrue();
    assertThat(allowed(w, "User:bob", "read", "Repository:a")).isFalse();

    long r = w.grant("Group:eng#member@User:bob");
    assertThat(w.revision()).isGreaterThanOrEqualTo(r);
    assertThat(allowed(w, "User:bob", "read", "Repository:a")).isTrue();
    w.write(WriteBatch.delete(List.of(g("Group:eng#member@User:ann"))));
    assertThat(allowed(w, "User:ann", "push", "Repository:a")).isFalse();
    assertThat(w.check(CheckRequest.of("User:bob", "read", "Repository:a")).revision())
        .isEqualTo(w.revision());
  }

  @Test
  void aWriteThroughOneWardenIsSeenByAnotherAtLeastAtItsRevision() {
    TupleStore s = newStore();
    Warden writer = warden(s);
    Warden reader = warden(sameStorage(s));
    long r = writer.grant("Repository:x#contributor@User:zoe");
    CheckRequest atLeast =
        CheckRequest.builder(EntityRef.of("User", "zoe"), "read", EntityRef.of("Repository", "x"))
            .consistency(Consistency.atLeast(r))
            .build();
    var decision = reader.check(atLeast);
    assertThat(decision.allowed()).isTrue();
    assertThat(decision.revision()).isGreaterThanOrEqualTo(r);
  }

  /** {@link #POLICY} where reading needs a maintainer: contributors lose read access. */
  private static final String STRICTER = POLICY.replace("\"read\" if \"contributor\";", "");

  @Test
  void aPolicyActivatedThroughOneWardenIsEnforcedByAnotherFromItsRevision() {
    TupleStore s = newStore();
    Warden first = warden(s);
    Warden second = warden(sameStorage(s));
    long granted = first.grant("Repository:x#contributor@User:zoe");
    CheckRequest before =
        CheckRequest.builder(EntityRef.of("User", "zoe"), "read", EntityRef.of("Repository", "x"))
            .consistency(Consistency.atLeast(granted))
            .build();
    assertThat(second.check(before).allowed()).isTrue();

    PolicyVersion v = first.activateInStore("stricter.warden", STRICTER);
    long activated = first.revision();

    assertThat(activated).isGreaterThan(granted);
    assertThat(policies(s).activePolicy()).contains(v);
    assertThat(first.check(CheckRequest.of("User:zoe", "read", "Repository:x")).allowed())
        .isFalse();
    CheckRequest after =
        CheckRequest.builder(EntityRef.of("User", "zoe"), "read", EntityRef.of("Repository", "x"))
            .consistency(Consistency.atLeast(activated))
            .build();
    var decision = second.check(after);
    assertThat(decision.revision()).isGreaterThanOrEqualTo(activated);
    assertThat(decision.allowed()).as("the other Warden enforces the new policy").isFalse();
    assertThat(second.policy()).isEqualTo(first.policy());
    assertThat(s.changes(granted, 10)).contains(new Change.PolicyActivated(activated, v.version()));
  }

  @Test
  void aPolicyThatCannotBeActivatedIsNotSaved() {
    TupleStore s = newStore();
    Warden w = warden(s);
    assertThatThrownBy(() -> w.activateInStore("empty.warden", "actor User {}\n"))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_POLICY));
    assertThatThrownBy(() -> w.activateInStore("broken.warden", "resource {"))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_POLICY));
    assertThat(policies(s).policyVersions()).isEmpty();
    assertThat(s.revision()).isZero();
    assertThat(w.policy().relation("Repository", "push")).as("the old policy stays").isNotNull();
  }

  @Test
  void aRevisionNoStoreHasReachedTimesOutWithAClearError() {
    Warden w =
        track(
            Warden.builder()
                .policy("contract.warden", POLICY)
                .store(newStore())
                .pollInterval(Duration.ofMillis(50))
                .options(
                    dev.warden.engine.EngineOptions.defaults()
                        .withConsistencyTimeout(Duration.ofMillis(200)))
                .build());
    long r = w.grant("Repository:x#contributor@User:zoe");
    CheckRequest future =
        CheckRequest.builder(EntityRef.of("User", "zoe"), "read", EntityRef.of("Repository", "x"))
            .consistency(Consistency.atLeast(r + 1000))
            .build();
    assertThatThrownBy(() -> w.check(future))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.CONSISTENCY_TIMEOUT))
        .hasMessageContaining("revision " + (r + 1000));
  }

  @Test
  void writesThePolicyDoesNotAllowAreRejectedWholeBeforeTheStoreSeesThem() {
    TupleStore s = newStore();
    Warden w = warden(s);
    long r = w.grant("Repository:ok#maintainer@User:ann");
    List<String> bad =
        List.of(
            "Repository:a#read@User:ann", // a permission, granted directly
            "Repository:a#maintainer@Robot:r2", // an undeclared subject type
            "Repo:a#maintainer@User:ann", // an undeclared type
            "Repository:a#maintaner@User:ann"); // an undeclared relation
    for (String text : bad) {
      WriteBatch batch =
          WriteBatch.touch(List.of(g("Repository:good#maintainer@User:bob"), g(text)));
      assertThatThrownBy(() -> w.write(batch))
          .as(text)
          .isInstanceOf(WardenException.class)
          .satisfies(
              e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_GRANT))
          .hasMessageContaining(text);
    }
    assertThatThrownBy(
            () -> w.setAttributes(EntityRef.of("Repository", "good"), Map.of("stars", "many")))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_GRANT));
    assertThatThrownBy(() -> w.grant("Repository:a#bad-name@User:ann"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("bad-name");
    assertThat(s.revision()).isEqualTo(r);
    assertThat(all(s)).containsExactly(g("Repository:ok#maintainer@User:ann"));
    assertThat(s.attributes(EntityRef.of("Repository", "good"))).isEmpty();
  }

  @Test
  void writesStraightIntoAStoreCanBeCheckedAgainstItsActivePolicy() {
    PolicyStore p = policies(store());
    TupleStore s = (TupleStore) p;
    assertThatThrownBy(() -> Warden.storeValidator(p))
        .isInstanceOf(WardenException.class)
        .satisfies(
            e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_POLICY))
        .hasMessageContaining("the store has no active policy");
    p.savePolicy(POLICY, true);
    var validator = Warden.storeValidator(p);
    WriteBatch typo = WriteBatch.touch("Repository:react#maintainr@User:x");
    assertThatThrownBy(() -> validator.validate(typo))
        .isInstanceOf(WardenException.class)
        .satisfies(e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_GRANT))
        .hasMessageContaining("`Repository` has no role or relation `maintainr`")
        .hasMessageContaining("did you mean `maintainer`?");
    WriteBatch yes =
        WriteBatch.attributes(EntityRef.of("Repository", "react"), Map.of("is_public", "yes"));
    assertThatThrownBy(() -> validator.validate(yes))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("`is_public` must be bool, not string");
    long r = s.write(validator.validate(WriteBatch.touch("Repository:react#maintainer@User:x")));
    assertThat(r).isPositive();
    assertThat(all(s)).containsExactly(g("Repository:react#maintainer@User:x"));
    assertThat(s.attributes(EntityRef.of("Repository", "react"))).isEmpty();
  }

  @Test
  void idsThatAreNotWellFormedUnicodeAreRejectedAndNothingIsStored() {
    TupleStore s = newStore();
    Warden w = warden(s);
    long r = w.grant("Repository:ok#maintainer@User:ann");
    // Each of these would be stored as `doc?` by a UTF-8 store, landing on one object.
    List<String> bad =
        List.of(
            "Repository:doc\uD800#maintainer@User:ann",
            "Repository:doc\uDC00#maintainer@User:ann",
            "Repository:doc#maintainer@User:ann\uD800",
            "Repository:doc#maintainer@Group:eng\uDFFF#member");
    for (String text : bad) {
      assertThatThrownBy(() -> w.grant(text))
          .as(text)
          .isInstanceOf(WardenException.class)
          .satisfies(
              e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
          .hasMessageContaining("is not well-formed Unicode");
    }
    assertThatThrownBy(
            () -> w.setAttributes(EntityRef.of("Repository", "doc\uD800"), Map.of("stars", 1L)))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("is not well-formed Unicode");
    assertThatThrownBy(() -> allowed(w, "User:ann\uD800", "read", "Repository:ok"))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("is not well-formed Unicode");
    assertThat(s.revision()).isEqualTo(r);
    assertThat(all(s)).containsExactly(g("Repository:ok#maintainer@User:ann"));
    assertThat(s.changes(0, 100)).hasSize(1);
  }

  @Test
  void writingTheSameConditionalGrantTwiceMakesNoNewRevision() {
    TupleStore s = store();
    // As a JSON or YAML reader hands them over: small integers as Integer, decimals as Float or
    // BigDecimal. The store reads them back as long and double.
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("limit", 3);
    context.put("ratio", 0.5f);
    context.put("big", new java.math.BigInteger("9007199254740993"));
    context.put("list", List.of(1, (short) 2, List.of(new java.math.BigDecimal("2.5"))));
    context.put("nested", Map.of("k", 7));
    Grant grant =
        g("Repository:a#contributor@User:ann").withCondition(new GrantCondition("c", context));
    long r1 = s.write(WriteBatch.touch(List.of(grant)));
    Grant again =
        g("Repository:a#contributor@User:ann")
            .withCondition(new GrantCondition("c", new LinkedHashMap<>(context)));
    long r2 = s.write(WriteBatch.touch(List.of(again)));
    assertThat(r2).isEqualTo(r1);
    assertThat(s.changes(0, 100)).hasSize(1);
    Map<String, Object> stored = all(s).get(0).condition().context();
    assertThat(stored)
        .containsEntry("limit", 3L)
        .containsEntry("ratio", 0.5d)
        .containsEntry("big", 9_007_199_254_740_993L)
        .containsEntry("list", List.of(1L, 2L, List.of(2.5d)))
        .containsEntry("nested", Map.of("k", 7L));
    assertThat(all(s)).containsExactly(grant);
  }

  @Test
  void aGrantContextOfUintMapAndIpaddressValuesReadsBackEqual() {
    TupleStore s = store();
    // A uint above 2^63-1 stays an exact whole number (not a double) through every encoding.
    java.math.BigInteger top = new java.math.BigInteger("18446744073709551615");
    Map<String, Object> context = new LinkedHashMap<>();
    context.put("cap", top);
    context.put("small", 7);
    context.put("m", Map.of("a", List.of(1, 2), "b", List.of()));
    context.put("ip", "2001:db8::1");
    Grant grant =
        g("Repository:a#contributor@User:ann").withCondition(new GrantCondition("c", context));
    long r1 = s.write(WriteBatch.touch(List.of(grant)));
    assertThat(all(s)).containsExactly(grant);
    assertThat(all(s).get(0).condition().context())
        .containsEntry("cap", top)
        .containsEntry("small", 7L)
        .containsEntry("m", Map.of("a", List.of(1L, 2L), "b", List.of()))
        .containsEntry("ip", "2001:db8::1");
    assertThat(s.write(WriteBatch.touch(List.of(grant)))).isEqualTo(r1);
  }

  private static SnapshotVisitor visitor(List<Object> grants, List<Object> attributes) {
    return new SnapshotVisitor() {
      @Override
      public void grant(Grant grant) {
        grants.add(grant);
      }

      @Override
      public void attributes(EntityRef entity, Map<String, Object> values) {
        attributes.add(Map.entry(entity, values));
      }
    };
  }

  /** A subject reference, for stores' own tests. */
  protected static SubjectRef user(String id) {
    return SubjectRef.of("User", id);
  }
}
