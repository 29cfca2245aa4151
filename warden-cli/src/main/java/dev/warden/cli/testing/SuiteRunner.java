package dev.warden.cli.testing;

import dev.warden.Warden;
import dev.warden.api.AuthorizedSubject;
import dev.warden.api.Decision;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.LookupResourcesResult;
import dev.warden.api.LookupSubjectsResult;
import dev.warden.api.Mutation;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.cli.io.DataRecord;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Runs a {@link TestSuite} against the embedded engine: the policy compiled once, and for each test
 * a fresh in-memory store with the suite's data and the test's own.
 */
public final class SuiteRunner {

  private SuiteRunner() {}

  /**
   * Every assertion's outcome.
   *
   * @throws WardenException when the policy does not compile, the policy refuses a grant, or an
   *     assertion asks something the policy does not define: the file is wrong, not the policy's
   *     behaviour, and the message says where
   */
  public static SuiteResult run(TestSuite suite) {
    Policy policy =
        PolicyCompiler.compile(new SourceFile(suite.policyName(), suite.policySource()))
            .policyOrThrow();
    List<Outcome> outcomes = new ArrayList<>();
    for (TestCase test : suite.tests()) {
      try (Warden warden = Warden.builder().policy(policy).build()) {
        load(warden, suite.fixtures());
        load(warden, test.fixtures());
        for (Assertion a : test.assertions()) {
          outcomes.add(evaluate(warden, test, a));
        }
      }
    }
    return new SuiteResult(suite, outcomes);
  }

  /** One write per fixture, so a refused grant is reported at its own line. */
  private static void load(Warden warden, List<Fixture> fixtures) {
    for (Fixture f : fixtures) {
      Mutation m =
          f.record() instanceof DataRecord.GrantRecord g
              ? new Mutation.Touch(g.grant())
              : attributes((DataRecord.AttributesRecord) f.record());
      try {
        warden.write(new WriteBatch(List.of(m), List.of()));
      } catch (WardenException e) {
        throw located(f.at(), e);
      }
    }
  }

  private static Mutation attributes(DataRecord.AttributesRecord a) {
    return new Mutation.SetAttributes(a.entity(), a.attributes());
  }

  private static Outcome evaluate(Warden warden, TestCase test, Assertion assertion) {
    try {
      if (assertion instanceof Assertion.Check c) {
        return check(warden, test, c);
      }
      if (assertion instanceof Assertion.LookupResources l) {
        return compare(test, l, l.expected(), resources(warden, l.request()));
      }
      if (assertion instanceof Assertion.Conditional c) {
        return conditional(warden, test, c);
      }
      if (assertion instanceof Assertion.Unsupported u) {
        return new Outcome(test, u, "Warden cannot ask this yet: " + u.reason(), "");
      }
      Assertion.LookupSubjects l = (Assertion.LookupSubjects) assertion;
      return compare(test, l, l.expected(), subjects(warden, l));
    } catch (WardenException e) {
      throw located(assertion.at(), e);
    }
  }

  private static Outcome check(Warden warden, TestCase test, Assertion.Check c) {
    Decision d = warden.check(c.request());
    if (d.allowed() == c.allowed()) {
      return Outcome.passed(test, c);
    }
    String failure = "expected " + verdict(c.allowed()) + ", got " + verdict(d.allowed());
    return new Outcome(test, c, failure, warden.explain(c.request()).root().render());
  }

  private static Outcome conditional(Warden warden, TestCase test, Assertion.Conditional c) {
    Decision d = warden.check(c.request());
    String tree = warden.explain(c.request()).root().render();
    if (!d.allowed() && tree.contains("missing")) {
      return Outcome.passed(test, c);
    }
    String got = d.allowed() ? "allowed" : "denied with no missing context";
    return new Outcome(test, c, "expected conditional, got " + got, tree);
  }

  private static String verdict(boolean allowed) {
    return allowed ? "allowed" : "denied";
  }

  private static List<String> resources(Warden warden, LookupResourcesRequest request) {
    List<String> ids = new ArrayList<>();
    LookupResourcesRequest page = request;
    while (true) {
      LookupResourcesResult r = warden.lookupResources(page);
      ids.addAll(r.ids());
      if (r.nextCursor() == null) {
        return ids;
      }
      page = request.page(r.nextCursor(), request.limit());
    }
  }

  private static List<String> subjects(Warden warden, Assertion.LookupSubjects l) {
    LookupSubjectsResult r = warden.lookupSubjects(l.request());
    List<String> ids = new ArrayList<>();
    for (AuthorizedSubject s : r.subjects()) {
      if (l.wildcardCovers() && onlyThroughWildcards(s)) {
        continue;
      }
      ids.add(
          s.subject().relation() == null
              ? s.subject().id()
              : s.subject().id() + "#" + s.subject().relation());
    }
    if (r.anySubject()) {
      ids.add("*");
    }
    return ids;
  }

  /** A subject every one of whose grants is a wildcard's; one with no grants is a rule's. */
  private static boolean onlyThroughWildcards(AuthorizedSubject s) {
    return !s.grants().isEmpty() && s.grants().stream().allMatch(g -> g.subject().isWildcard());
  }

  private static Outcome compare(
      TestCase test, Assertion assertion, List<String> expected, List<String> got) {
    TreeSet<String> want = new TreeSet<>(expected);
    TreeSet<String> have = new TreeSet<>(got);
    if (want.equals(have)) {
      return Outcome.passed(test, assertion);
    }
    return new Outcome(test, assertion, "expected " + want + ", got " + have, "");
  }

  private static WardenException located(Location at, WardenException e) {
    // The details repeat the message when there is nothing more to say; keep only what adds.
    List<String> details = e.details().stream().filter(d -> !d.equals(e.getMessage())).toList();
    return new WardenException(e.code(), at + ": " + e.getMessage(), details, e);
  }
}
