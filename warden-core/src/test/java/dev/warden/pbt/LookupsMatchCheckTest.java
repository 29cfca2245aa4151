package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.condition.ResidualPredicate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Lookups and bulk checks against single checks on generated scenarios: for every request's actor,
 * action and type, {@code lookupResources} lists exactly the known objects that {@code check}
 * allows; for every request's resource, {@code lookupSubjects} lists exactly the known users {@code
 * check} allows, and says "anyone" exactly when a fresh user is allowed; {@code checkBulk} answers
 * exactly as single checks do.
 */
class LookupsMatchCheckTest {

  static final long BASE_SEED = Long.getLong("warden.pbt.seed", 20_261_123L) + 1_000_000L;
  static final int SCENARIOS = Integer.getInteger("warden.pbt.scenarios", 300);

  @TestFactory
  Stream<DynamicTest> lookupsAndBulkAgreeWithCheck() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> BASE_SEED + i)
        .map(seed -> dynamicTest("seed " + seed, () -> run(seed)));
  }

  private static void run(long seed) {
    Scenario s = ScenarioGenerator.generate(seed, 25);
    try (Warden w = EngineMatchesReferenceTest.load(s)) {
      for (CheckRequest r : s.requests()) {
        String why = "\n" + s.describe() + "request: " + Scenario.describe(r);
        resources(w, s, r, why);
        subjects(w, s, r, why);
      }
      List<Decision> bulk = w.checkBulk(s.requests());
      for (int i = 0; i < bulk.size(); i++) {
        assertThat(bulk.get(i).allowed())
            .as("bulk #" + i + "\n" + s.describe() + Scenario.describe(s.requests().get(i)))
            .isEqualTo(w.check(s.requests().get(i)).allowed());
      }
    }
  }

  private static void resources(Warden w, Scenario s, CheckRequest r, String why) {
    String type = r.resource().type();
    LookupResourcesRequest q =
        LookupResourcesRequest.of(r.actor(), r.action(), type)
            .with(r.actorAttributes(), r.context(), r.contextualGrants());
    Set<String> expected = new TreeSet<>();
    for (String id : known(s, r.contextualGrants(), type)) {
      if (w.check(withResource(r, id)).allowed()) {
        expected.add(id);
      }
    }
    assertThat(all(w, q)).as("lookupResources" + why).isEqualTo(expected);

    LookupResourcesResult residual = w.lookupResources(q.withResidual().page(null, 100_000));
    ResidualPredicate predicate =
        residual.residual() == null ? null : ResidualPredicate.compile(residual.residual());
    for (String id : known(s, r.contextualGrants(), type)) {
      Map<String, Object> attrs = s.attributes().getOrDefault(new EntityRef(type, id), Map.of());
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

  private static void subjects(Warden w, Scenario s, CheckRequest r, String why) {
    LookupSubjectsRequest q =
        new LookupSubjectsRequest(
            r.action(),
            r.resource().type(),
            r.resource().id(),
            null,
            "User",
            r.context(),
            r.contextualGrants(),
            r.consistency());
    LookupSubjectsResult result = w.lookupSubjects(q);
    Set<String> expected = new TreeSet<>();
    for (String id : known(s, r.contextualGrants(), "User")) {
      if (w.check(asUser(r, id)).allowed()) {
        expected.add(id);
      }
    }
    Set<String> got = new TreeSet<>();
    Set<Grant> existing = new HashSet<>(s.grants());
    existing.addAll(r.contextualGrants());
    for (AuthorizedSubject a : result.subjects()) {
      got.add(a.subject().id());
      assertThat(existing).as("grants reported for " + a.subject() + why).containsAll(a.grants());
    }
    assertThat(got).as("lookupSubjects" + why).isEqualTo(expected);
    boolean freshAllowed = w.check(asUser(r, "fresh-user")).allowed();
    assertThat(result.anySubject()).as("lookupSubjects anySubject" + why).isEqualTo(freshAllowed);
  }

  /** The ids of a type the store or the request knows: named by a grant or with attributes. */
  static Set<String> known(Scenario s, List<Grant> contextual, String type) {
    Set<String> out = new TreeSet<>();
    List<Grant> grants = new ArrayList<>(s.grants());
    grants.addAll(contextual);
    for (Grant g : grants) {
      if (g.resource().type().equals(type)) {
        out.add(g.resource().id());
      }
      if (g.subject().type().equals(type) && !g.subject().isWildcard()) {
        out.add(g.subject().id());
      }
    }
    s.attributes().keySet().stream()
        .filter(e -> e.type().equals(type))
        .forEach(e -> out.add(e.id()));
    return out;
  }

  private static CheckRequest withResource(CheckRequest r, String id) {
    CheckRequest.Builder b =
        CheckRequest.builder(r.actor(), r.action(), new EntityRef(r.resource().type(), id))
            .actorAttributes(r.actorAttributes())
            .context(r.context());
    r.contextualGrants().forEach(b::contextualGrant);
    return b.build();
  }

  private static CheckRequest asUser(CheckRequest r, String id) {
    CheckRequest.Builder b =
        CheckRequest.builder(new EntityRef("User", id), r.action(), r.resource())
            .context(r.context());
    r.contextualGrants().forEach(b::contextualGrant);
    return b.build();
  }
}
