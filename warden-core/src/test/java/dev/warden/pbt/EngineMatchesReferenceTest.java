package dev.warden.pbt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import dev.warden.engine.EngineOptions;
import dev.warden.model.Truth;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The engine against the reference evaluator on generated scenarios: after the first load and after
 * every later batch of writes and deletes (the index is updated incrementally), with tenants, and
 * under a small depth limit, where a check either answers as the reference does or fails with
 * {@code depth_exceeded}, and explain fails exactly when some chain of nested relations exceeds the
 * limit. Each scenario is one dynamic test named by its seed; replay one with {@code
 * -Dwarden.pbt.seed=<seed> -Dwarden.pbt.scenarios=1}.
 */
class EngineMatchesReferenceTest {

  static final long BASE_SEED = Long.getLong("warden.pbt.seed", 20_261_123L);
  static final int SCENARIOS = Integer.getInteger("warden.pbt.scenarios", 500);

  /** Checks asked again after each later batch. */
  static final int CHECKS_PER_STEP = 15;

  /** No limit in practice: the generated data is far shallower. */
  static final int UNLIMITED = 10_000;

  @TestFactory
  Stream<DynamicTest> checkAndExplainAgreeWithTheReference() {
    return IntStream.range(0, SCENARIOS)
        .mapToObj(i -> BASE_SEED + i)
        .map(seed -> dynamicTest("seed " + seed, () -> run(seed)));
  }

  static Warden load(Scenario s) {
    return load(s, UNLIMITED);
  }

  static Warden load(Scenario s, int maxDepth) {
    Warden w =
        Warden.builder()
            .policy(s.policy())
            .options(EngineOptions.defaults().withMaxDepth(maxDepth))
            .build();
    w.write(WriteBatch.touch(s.grants()));
    s.attributes().forEach(w::setAttributes);
    return w;
  }

  /** A small depth limit for the scenario, reached by some of its checks and not by others. */
  static int shallowLimit(long seed) {
    return 1 + new Random(seed ^ 0x5DEECE66DL).nextInt(7);
  }

  private static void run(long seed) {
    Scenario s = ScenarioGenerator.generate(seed);
    int limit = shallowLimit(seed);
    try (Warden w = load(s);
        Warden shallow = load(s, limit)) {
      compare(s, 0, s.grants(), s.attributes(), w, shallow, limit, s.requests());
      for (int i = 0; i < s.steps().size(); i++) {
        Scenario.Step step = s.steps().get(i);
        long revision = w.write(step.batch());
        shallow.write(step.batch());
        assertThat(w.revision()).isEqualTo(revision);
        compare(
            s,
            i + 1,
            step.grants(),
            step.attributes(),
            w,
            shallow,
            limit,
            s.requests().subList(0, CHECKS_PER_STEP));
      }
    }
  }

  private static void compare(
      Scenario s,
      int steps,
      List<Grant> grants,
      Map<EntityRef, Map<String, Object>> attributes,
      Warden w,
      Warden shallow,
      int limit,
      List<CheckRequest> requests) {
    ReferenceEvaluator reference = new ReferenceEvaluator(s.policy(), grants, attributes);
    for (CheckRequest r : requests) {
      String data = "\n" + s.describe(steps) + "request: " + Scenario.describe(r);
      if (outsideTenancy(reference, r)) {
        assertThatThrownBy(() -> w.check(r))
            .as("a tenant on a type without tenants" + data)
            .isInstanceOfSatisfying(
                WardenException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_REQUEST));
        continue;
      }
      Truth expected = reference.evaluate(r);
      Decision d = w.check(r);
      Explanation e = w.explain(r);
      String why = data + "\n" + e.root().render();
      assertThat(d.allowed()).as("check" + why).isEqualTo(expected == Truth.TRUE);
      assertThat(e.root().outcome()).as("explain" + why).isEqualTo(expected.word());
      assertThat(e.decision().allowed()).as("explain decision" + why).isEqualTo(d.allowed());
      underLimit(shallow, limit, reference.exceedsDepth(r, limit), r, expected, why);
    }
  }

  /** True when the request names a tenant for a type that has none: an error, not an answer. */
  static boolean outsideTenancy(ReferenceEvaluator reference, CheckRequest r) {
    return r.tenant() != null && reference.tenantType(r.resource().type()) == null;
  }

  private static void underLimit(
      Warden shallow, int limit, boolean exceeds, CheckRequest r, Truth expected, String why) {
    String limited = " under depth limit " + limit + " (reference: exceeded " + exceeds + ")";
    try {
      Explanation e = shallow.explain(r);
      assertThat(exceeds)
          .as("explain answered although the limit is exceeded" + limited + why)
          .isFalse();
      assertThat(e.root().outcome()).as("explain" + limited + why).isEqualTo(expected.word());
    } catch (WardenException x) {
      assertThat(x.code()).as("explain error" + limited + why).isEqualTo(ErrorCode.DEPTH_EXCEEDED);
      assertThat(exceeds).as("explain failed within the limit" + limited + why).isTrue();
    }
    try {
      Decision d = shallow.check(r);
      assertThat(d.allowed()).as("check" + limited + why).isEqualTo(expected == Truth.TRUE);
    } catch (WardenException x) {
      assertThat(x.code()).as("check error" + limited + why).isEqualTo(ErrorCode.DEPTH_EXCEEDED);
      assertThat(exceeds).as("check failed within the limit" + limited + why).isTrue();
    }
  }
}
