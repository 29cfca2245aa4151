package dev.warden.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Consistency;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.ExplainNode;
import dev.warden.api.GrantFilter;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsRequest;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.engine.EngineOptions;
import dev.warden.pbt.Scenario;
import dev.warden.pbt.ScenarioGenerator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine's generated scenarios (warden-core's {@link ScenarioGenerator}: random policies with
 * roles, nested groups, wildcards, tuple-to-userset, intersection, exclusion, CEL rules and
 * conditions; data with cycles and missing attributes; requests with just-in-time data) asked
 * through the client of a live server and of an embedded {@link Warden} over the same data. Every
 * answer must be the same: check, explain (the whole tree), bulk, every page of lookupResources
 * with and without residuals, lookupSubjects of the resource and of its type, authorized users; and
 * where the embedded engine refuses a request, the client must refuse it with the same code and
 * message.
 *
 * <p>One server serves every scenario: its grants and attributes are cleared, the scenario's policy
 * activated and its data written, all through the client. Replay one scenario with {@code
 * -Dwarden.client.seed=<seed> -Dwarden.client.scenarios=1}.
 */
class ScenarioEquivalenceTest {

  static final long BASE_SEED = Long.getLong("warden.client.seed", 20_261_201L);
  static final int SCENARIOS = Integer.getInteger("warden.client.scenarios", 40);
  static final EngineOptions OPTIONS =
      EngineOptions.defaults().withMaxDepth(10_000).withConsistencyTimeout(Duration.ofSeconds(2));

  static LiveServer server;
  static WardenClient admin;
  static Set<EntityRef> stored = new HashSet<>();

  @BeforeAll
  static void start() {
    String bootstrap = "actor User {}\n";
    Warden served = Warden.builder().policy("bootstrap", bootstrap).options(OPTIONS).build();
    server = new LiveServer(served, bootstrap, LiveServer.config(), DecisionLog.NONE);
    admin = server.client(server.admin);
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @TestFactory
  Stream<DynamicTest> theClientAnswersAsTheEmbeddedEngine() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> BASE_SEED + i)
        .map(seed -> dynamicTest("seed " + seed, () -> run(seed)));
  }

  private static void run(long seed) {
    Scenario s = ScenarioGenerator.generate(seed, 15);
    try (Warden embedded = Warden.builder().policy("policy", s.source()).options(OPTIONS).build()) {
      embedded.write(WriteBatch.touch(s.grants()));
      s.attributes().forEach(embedded::setAttributes);
      long revision = load(s);
      Compare c = new Compare(s);
      // A barrier: the server's index has applied every write before the questions start.
      admin.check(withConsistency(s.requests().get(0), revision));
      for (CheckRequest r : s.requests()) {
        c.request = r;
        c.same("check", () -> embedded.check(r).allowed(), () -> admin.check(r).allowed());
        c.same(
            "explain",
            () -> canonical(embedded.explain(r).root()),
            () -> canonical(admin.explain(r).root()));
        resources(c, embedded, r);
        subjects(c, embedded, r);
      }
      c.request = null;
      c.same(
          "checkBulk",
          () -> embedded.checkBulk(s.requests()).stream().map(d -> d.allowed()).toList(),
          () -> admin.checkBulk(s.requests()).stream().map(d -> d.allowed()).toList());
    }
  }

  /** Replaces the server's data with the scenario's, through the client; the last revision. */
  private static long load(Scenario s) {
    for (EntityRef e : stored) {
      admin.setAttributes(e, Map.of());
    }
    admin.deleteMatching(GrantFilter.ALL);
    assertThat(admin.readAllRelationships(GrantFilter.ALL)).isEmpty();
    admin.activatePolicy(s.source());
    long revision = s.grants().isEmpty() ? 0 : admin.write(WriteBatch.touch(s.grants()));
    stored = new HashSet<>(s.attributes().keySet());
    for (Map.Entry<EntityRef, Map<String, Object>> e : s.attributes().entrySet()) {
      revision = admin.setAttributes(e.getKey(), e.getValue());
    }
    assertThat(new HashSet<>(admin.readAllRelationships(GrantFilter.ALL)))
        .as("seed %d: the server holds exactly the scenario's grants", s.seed())
        .isEqualTo(new HashSet<>(s.grants()));
    return revision;
  }

  private static void resources(Compare c, Warden embedded, CheckRequest r) {
    LookupResourcesRequest q =
        LookupResourcesRequest.of(r.subject(), r.action(), r.resource().type())
            .with(r.actorAttributes(), r.context(), r.contextualGrants());
    String cursor = null;
    for (int page = 0; page < 50; page++) {
      LookupResourcesRequest p = q.page(cursor, 2);
      Object local =
          c.same(
              "lookupResources page " + page,
              () -> ids(embedded.lookupResources(p)),
              () -> ids(admin.lookupResources(p)));
      if (!(local instanceof List<?> l) || l.get(1) == null) {
        break;
      }
      cursor = (String) l.get(1);
    }
    LookupResourcesRequest residual = q.withResidual().page(null, 1000);
    c.same(
        "lookupResources with residual",
        () -> ids(embedded.lookupResources(residual)),
        () -> ids(admin.lookupResources(residual)));
  }

  /** Everything of a page but its revision, which differs between the two stores. */
  private static List<Object> ids(LookupResourcesResult r) {
    List<Object> out = new ArrayList<>();
    out.add(r.ids());
    out.add(r.nextCursor());
    out.add(r.residual());
    return out;
  }

  private static void subjects(Compare c, Warden embedded, CheckRequest r) {
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
    c.same(
        "lookupSubjects",
        () -> subjects(embedded.lookupSubjects(q)),
        () -> subjects(admin.lookupSubjects(q)));
    c.same("authorizedUsers", () -> embedded.authorizedUsers(q), () -> admin.authorizedUsers(q));
    LookupSubjectsRequest type =
        new LookupSubjectsRequest(
            r.action(),
            r.resource().type(),
            null,
            null,
            "User",
            r.context(),
            r.contextualGrants(),
            r.consistency());
    c.same(
        "lookupSubjects of the type",
        () -> subjects(embedded.lookupSubjects(type)),
        () -> subjects(admin.lookupSubjects(type)));
  }

  private static List<Object> subjects(LookupSubjectsResult r) {
    return List.of(r.subjects(), r.anySubject());
  }

  /**
   * The tree with the children of grant lists and tuple-to-userset steps sorted: they come in the
   * index's internal order, which depends on what a store held before (the server's index has
   * served earlier scenarios; the embedded one is fresh). Every other order (rules, operands) is
   * the policy's and is compared as is.
   */
  static ExplainNode canonical(ExplainNode n) {
    List<ExplainNode> children = new ArrayList<>();
    n.children().forEach(c -> children.add(canonical(c)));
    if (n.kind() == ExplainNode.Kind.GRANTS || n.kind() == ExplainNode.Kind.TUPLE_TO_USERSET) {
      children.sort(Comparator.comparing(ExplainNode::render));
    }
    return new ExplainNode(n.kind(), n.label(), n.outcome(), n.reason(), children);
  }

  private static CheckRequest withConsistency(CheckRequest r, long revision) {
    return new CheckRequest(
        r.subject(),
        r.action(),
        r.resource(),
        r.tenant(),
        r.actorAttributes(),
        r.resourceAttributes(),
        r.context(),
        r.contextualGrants(),
        Consistency.atLeast(revision));
  }

  /** Compares an embedded and a remote answer, or the errors they raise, naming the seed. */
  private static final class Compare {
    final Scenario scenario;
    CheckRequest request;

    Compare(Scenario scenario) {
      this.scenario = scenario;
    }

    /** The embedded outcome, after asserting the remote one equals it. */
    Object same(String what, Supplier<Object> local, Supplier<Object> remote) {
      Object expected = outcome(local);
      Object actual = outcome(remote);
      assertThat(actual)
          .as(
              "%s differs between embedded and client for seed %d\n%srequest: %s",
              what,
              scenario.seed(),
              scenario.describe(),
              request == null ? "all requests" : Scenario.describe(request))
          .isEqualTo(expected);
      return expected;
    }

    private static Object outcome(Supplier<Object> call) {
      try {
        return call.get();
      } catch (WardenException e) {
        // The same refusal: the same code and message (not the exception's class).
        return "error " + e.code() + ": " + e.getMessage();
      }
    }
  }
}
