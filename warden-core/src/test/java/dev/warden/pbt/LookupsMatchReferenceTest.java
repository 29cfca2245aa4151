package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.SubjectRef;
import dev.warden.api.WardenException;
import dev.warden.condition.ResidualPredicate;
import dev.warden.model.Truth;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Lookups and bulk checks against the reference evaluator's own enumeration, on generated
 * scenarios, after the first load and after every later batch of writes and deletes: for every
 * request's actor, action and type, {@code lookupResources} lists exactly the known objects the
 * reference allows (in the request's tenant, if it names one); for every request's resource (and
 * for a new resource of its type), {@code lookupSubjects} lists exactly the known users the
 * reference allows, and says "anyone" exactly when the reference allows a user it has never seen;
 * {@code checkBulk} answers as the reference does. A third of the scenarios run under a small depth
 * limit: there a lookup either answers exactly or fails with {@code depth_exceeded}, and fails only
 * when some evaluation it may need exceeds the limit.
 */
class LookupsMatchReferenceTest {

  static final long BASE_SEED = Long.getLong("warden.pbt.seed", 20_261_123L) + 1_000_000L;
  static final int SCENARIOS = Integer.getInteger("warden.pbt.scenarios", 300);

  /** Requests looked up again after each later batch. */
  static final int LOOKUPS_PER_STEP = 8;

  @TestFactory
  Stream<DynamicTest> lookupsAndBulkAgreeWithTheReference() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> BASE_SEED + i)
        .map(seed -> dynamicTest("seed " + seed, () -> run(seed)));
  }

  /** One scenario's engine, its depth limit and the reference for the data now stored. */
  private record Fixture(
      Scenario s,
      int steps,
      Warden w,
      int limit,
      ReferenceEvaluator reference,
      List<Grant> grants,
      Map<EntityRef, Map<String, Object>> attributes) {}

  private static void run(long seed) {
    Scenario s = ScenarioGenerator.generate(seed, 25);
    int limit =
        seed % 3 == 0
            ? EngineMatchesReferenceTest.shallowLimit(seed)
            : EngineMatchesReferenceTest.UNLIMITED;
    try (Warden w = EngineMatchesReferenceTest.load(s, limit)) {
      compare(fixture(s, 0, w, limit, s.grants(), s.attributes()), s.requests());
      for (int i = 0; i < s.steps().size(); i++) {
        Scenario.Step step = s.steps().get(i);
        w.write(step.batch());
        compare(
            fixture(s, i + 1, w, limit, step.grants(), step.attributes()),
            s.requests().subList(0, LOOKUPS_PER_STEP));
      }
    }
  }

  private static Fixture fixture(
      Scenario s,
      int steps,
      Warden w,
      int limit,
      List<Grant> grants,
      Map<EntityRef, Map<String, Object>> attributes) {
    return new Fixture(
        s,
        steps,
        w,
        limit,
        new ReferenceEvaluator(s.policy(), grants, attributes),
        grants,
        attributes);
  }

  private static void compare(Fixture f, List<CheckRequest> requests) {
    for (int i = 0; i < requests.size(); i++) {
      CheckRequest r = requests.get(i);
      String why = "\n" + f.s().describe(f.steps()) + "request: " + Scenario.describe(r);
      if (EngineMatchesReferenceTest.outsideTenancy(f.reference(), r)) {
        assertThatThrownBy(() -> f.w().lookupResources(resourcesOf(r)))
            .as("a tenant on a type without tenants" + why)
            .isInstanceOfSatisfying(
                WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        continue;
      }
      resources(f, r, why);
      subjects(f, r, r.resource().id(), why);
      usersets(f, r, r.resource().id(), "Group", "member", why);
      if (r.subject().isUserset()) {
        usersets(f, r, r.resource().id(), r.subject().type(), r.subject().relation(), why);
      }
      if (i % 3 == 0) {
        subjects(f, r, null, why + " (type level)");
        usersets(f, r, null, "Group", "member", why + " (type level)");
      }
    }
    bulk(f, requests);
  }

  /**
   * Runs a lookup under the fixture's depth limit: its answer, or null when it failed with {@code
   * depth_exceeded}, which the reference must confirm.
   */
  private static <T> T limited(Fixture f, Supplier<T> lookup, boolean exceeds, String why) {
    try {
      return lookup.get();
    } catch (WardenException e) {
      assertThat(e.code()).as("lookup error" + why).isEqualTo(ErrorCode.DEPTH_EXCEEDED);
      assertThat(exceeds).as("lookup failed within depth limit " + f.limit() + why).isTrue();
      return null;
    }
  }

  private static LookupResourcesRequest resourcesOf(CheckRequest r) {
    LookupResourcesRequest q =
        LookupResourcesRequest.of(r.subject(), r.action(), r.resource().type())
            .with(r.actorAttributes(), r.context(), r.contextualGrants());
    return r.tenant() == null ? q : q.inTenant(r.tenant());
  }

  private static void resources(Fixture f, CheckRequest r, String why) {
    String type = r.resource().type();
    LookupResourcesRequest q = resourcesOf(r);
    Set<String> expected =
        f.reference()
            .lookupResources(
                r.subject(),
                r.actorAttributes(),
                r.action(),
                type,
                r.context(),
                r.contextualGrants(),
                r.tenant());
    boolean exceeds =
        f.limit() < EngineMatchesReferenceTest.UNLIMITED
            && f.reference()
                .resourceLookupExceedsDepth(r.action(), type, r.contextualGrants(), f.limit());
    Set<String> got = limited(f, () -> all(f.w(), q), exceeds, why);
    if (got == null) {
      return;
    }
    assertThat(got).as("lookupResources" + why).isEqualTo(expected);
    if (r.tenant() != null) {
      // A residual says nothing of tenants: it is compared without one.
      return;
    }
    // The residual lookup walks other paths than the plain one, so it may reach the depth limit
    // where that did not: it is held to the same rule.
    LookupResourcesResult residual =
        limited(f, () -> f.w().lookupResources(q.withResidual().page(null, 100_000)), exceeds, why);
    if (residual == null) {
      return;
    }
    ResidualPredicate predicate =
        residual.residual() == null ? null : ResidualPredicate.compile(residual.residual());
    for (String id : f.reference().known(type, r.contextualGrants())) {
      Map<String, Object> attrs = f.attributes().getOrDefault(new EntityRef(type, id), Map.of());
      boolean viaResidual = predicate != null && predicate.test(type, id, attrs);
      assertThat(residual.ids().contains(id) || viaResidual)
          .as("lookupResources with residual " + residual.residual() + " for " + id + why)
          .isEqualTo(expected.contains(id));
    }
  }

  /** Every id of every page, read two at a time to exercise the cursor. */
  private static Set<String> all(Warden w, LookupResourcesRequest q) {
    Set<String> out = new TreeSet<>();
    String cursor = null;
    do {
      LookupResourcesResult page = w.lookupResources(q.page(cursor, 2));
      assertThat(page.ids().size()).isLessThanOrEqualTo(2);
      for (String id : page.ids()) {
        assertThat(out.add(id)).as("id %s repeated across pages", id).isTrue();
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    return out;
  }

  /** The subjects of the request's resource, or of a new resource of its type (id null). */
  private static void subjects(Fixture f, CheckRequest r, String id, String why) {
    String type = r.resource().type();
    LookupSubjectsRequest q =
        new LookupSubjectsRequest(
            r.action(),
            type,
            id,
            r.tenant(),
            "User",
            r.context(),
            r.contextualGrants(),
            r.consistency());
    ReferenceEvaluator.Subjects expected =
        f.reference()
            .lookupSubjects(r.action(), type, id, r.tenant(), r.context(), r.contextualGrants());
    boolean exceeds =
        f.limit() < EngineMatchesReferenceTest.UNLIMITED
            && f.reference()
                .subjectLookupExceedsDepth(
                    r.action(), type, id, r.tenant(), r.contextualGrants(), f.limit());
    LookupSubjectsResult result = limited(f, () -> f.w().lookupSubjects(q), exceeds, why);
    if (result == null) {
      return;
    }
    Set<String> got = new TreeSet<>();
    Set<Grant> existing = new HashSet<>(f.grants());
    existing.addAll(r.contextualGrants());
    String tenantType = f.reference().tenantType(type);
    if (r.tenant() != null && id != null) {
      existing.add(
          Grant.of(new EntityRef(type, id), "tenant", SubjectRef.of(tenantType, r.tenant())));
    }
    for (AuthorizedSubject a : result.subjects()) {
      got.add(a.subject().id());
      if (id != null) {
        assertThat(existing).as("grants reported for " + a.subject() + why).containsAll(a.grants());
      }
    }
    assertThat(got).as("lookupSubjects" + why).isEqualTo(expected.ids());
    assertThat(result.anySubject())
        .as("lookupSubjects anySubject" + why)
        .isEqualTo(expected.anySubject());
  }

  /** The usersets {@code type:o#relation} listed for the request's resource (or a new one). */
  private static void usersets(
      Fixture f, CheckRequest r, String id, String type, String relation, String why) {
    String resourceType = r.resource().type();
    LookupSubjectsRequest q =
        new LookupSubjectsRequest(
            r.action(),
            resourceType,
            id,
            r.tenant(),
            type,
            relation,
            r.context(),
            r.contextualGrants(),
            r.consistency());
    ReferenceEvaluator.Subjects expected =
        f.reference()
            .lookupUsersets(
                r.action(),
                resourceType,
                id,
                r.tenant(),
                r.context(),
                r.contextualGrants(),
                type,
                relation);
    String what = " usersets " + type + "#" + relation + why;
    boolean exceeds =
        f.limit() < EngineMatchesReferenceTest.UNLIMITED
            && f.reference()
                .subjectLookupExceedsDepth(
                    r.action(), resourceType, id, r.tenant(), r.contextualGrants(), f.limit());
    LookupSubjectsResult result = limited(f, () -> f.w().lookupSubjects(q), exceeds, what);
    if (result == null) {
      return;
    }
    Set<String> got = new TreeSet<>();
    for (AuthorizedSubject a : result.subjects()) {
      assertThat(a.subject().isUserset()).as("a userset listed" + what).isTrue();
      assertThat(a.subject().relation()).as("the userset's relation" + what).isEqualTo(relation);
      got.add(a.subject().id());
    }
    assertThat(got).as("lookupSubjects" + what).isEqualTo(expected.ids());
    assertThat(result.anySubject())
        .as("lookupSubjects anySubject" + what)
        .isEqualTo(expected.anySubject());
  }

  private static void bulk(Fixture f, List<CheckRequest> requests) {
    List<CheckRequest> valid =
        requests.stream()
            .filter(r -> !EngineMatchesReferenceTest.outsideTenancy(f.reference(), r))
            .toList();
    boolean exceeds =
        f.limit() < EngineMatchesReferenceTest.UNLIMITED
            && valid.stream().anyMatch(r -> f.reference().exceedsDepth(r, f.limit()));
    String why = "\n" + f.s().describe(f.steps());
    List<Decision> bulk = limited(f, () -> f.w().checkBulk(valid), exceeds, "bulk" + why);
    if (bulk == null) {
      return;
    }
    for (int i = 0; i < bulk.size(); i++) {
      assertThat(bulk.get(i).allowed())
          .as("bulk #" + i + why + Scenario.describe(valid.get(i)))
          .isEqualTo(f.reference().evaluate(valid.get(i)) == Truth.TRUE);
    }
  }
}
