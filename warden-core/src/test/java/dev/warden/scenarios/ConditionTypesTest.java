package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.api.ErrorCode;
import dev.warden.api.Explanation;
import dev.warden.api.Grant;
import dev.warden.api.WardenException;
import dev.warden.lang.Compilation;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.PolicyFormatter;
import dev.warden.lang.PolicyRenderer;
import dev.warden.lang.SourceFile;
import dev.warden.model.AttributeType;
import dev.warden.model.Policy;
import java.math.BigInteger;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The condition parameter types {@code uint}, {@code map<T>} and {@code ipaddress}: declared,
 * rendered, validated when written and requested, evaluated, and unknown when missing.
 */
class ConditionTypesTest {

  private static final String POLICY =
      """
      actor User {
        attributes = { ip: ipaddress, quota: uint, tags: map<list<int>> };
      }
      resource Doc {
        roles = ["viewer"];
        permissions = ["read"];
        "read" if "viewer";
      }
      condition in_range(user_ip: ipaddress, cidr: string) { user_ip.in_cidr(cidr) }
      condition under(n: uint, limit: uint) { n < limit }
      condition lookup(m: map<int>) { m.foo == 42 && m.bar < 56 }
      condition literal(user_ip: ipaddress) { user_ip == ipaddress("10.0.0.1") }
      """;

  private static Warden warden() {
    return Warden.builder().policy("t.warden", POLICY).build();
  }

  private static CheckRequest read(String doc, Map<String, ?> context) {
    return CheckRequest.builder(EntityRef.of("User", "ann"), "read", EntityRef.of("Doc", doc))
        .context(context)
        .build();
  }

  @Test
  void theTypesCompileToTheModelAndRenderBackToTheSameSource() {
    Compilation c = PolicyCompiler.compile(new SourceFile("t.warden", POLICY));
    assertThat(c.render()).isEmpty();
    Policy p = c.policyOrThrow();
    assertThat(p.conditions().get("in_range").parameter("user_ip").type())
        .isEqualTo(AttributeType.IPADDRESS);
    assertThat(p.conditions().get("under").parameter("n").type()).isEqualTo(AttributeType.UINT);
    assertThat(p.conditions().get("lookup").parameter("m").type())
        .isEqualTo(AttributeType.mapOf(AttributeType.INT));
    assertThat(p.type("User").attributes().get("tags"))
        .isEqualTo(AttributeType.mapOf(AttributeType.listOf(AttributeType.INT)));
    String rendered = PolicyRenderer.render(p);
    assertThat(rendered).contains("m: map<int>", "tags: map<list<int>>", "n: uint", "ipaddress");
    Policy again = PolicyCompiler.compile(new SourceFile("r.warden", rendered)).policyOrThrow();
    assertThat(PolicyRenderer.render(again)).isEqualTo(rendered);
    assertThat(PolicyRenderer.sameMeaning(p, again)).isTrue();
    String formatted = PolicyFormatter.format(new SourceFile("t.warden", POLICY)).text();
    assertThat(formatted).contains("map<list<int>>", "m: map<int>", "n: uint");
  }

  @Test
  void aMapOrListWithoutItsElementTypeIsP303() {
    Compilation c =
        PolicyCompiler.compile(
            new SourceFile("bad.warden", "condition c(m: map, u: uintt) { true }\n"));
    assertThat(String.join("\n", c.render()))
        .contains("error[P303]: `map` needs an element type")
        .contains("unknown attribute type `uintt`")
        .contains("did you mean `uint`?");
  }

  @Test
  void inCidrMatchesIpv4AndIpv6Addresses() {
    try (Warden w = warden()) {
      w.grant(
          "Doc:a#viewer@User:ann [in_range {\"cidr\":\"10.0.0.0/8\"}]",
          "Doc:b#viewer@User:ann [in_range {\"cidr\":\"2001:db8::/32\"}]",
          "Doc:c#viewer@User:ann [literal]");
      assertThat(w.check(read("a", Map.of("user_ip", "10.2.3.4"))).allowed()).isTrue();
      assertThat(w.check(read("a", Map.of("user_ip", "1.2.3.4"))).allowed()).isFalse();
      assertThat(w.check(read("a", Map.of("user_ip", "::ffff:10.9.9.9"))).allowed()).isTrue();
      assertThat(w.check(read("a", Map.of("user_ip", "2001:db8::1"))).allowed()).isFalse();
      assertThat(w.check(read("b", Map.of("user_ip", "2001:db8:ffff::1"))).allowed()).isTrue();
      assertThat(w.check(read("b", Map.of("user_ip", "2001:db9::1"))).allowed()).isFalse();
      assertThat(w.check(read("b", Map.of("user_ip", "10.2.3.4"))).allowed()).isFalse();
      assertThat(w.check(read("c", Map.of("user_ip", "10.0.0.1"))).allowed()).isTrue();
      assertThat(w.check(read("c", Map.of("user_ip", "10.0.0.2"))).allowed()).isFalse();
    }
  }

  @Test
  void aMalformedCidrAtEvaluationDeniesAndTheExplanationSaysWhy() {
    try (Warden w = warden()) {
      w.grant("Doc:a#viewer@User:ann [in_range {\"cidr\":\"10.0.0.0/33\"}]");
      Explanation e = w.explain(read("a", Map.of("user_ip", "10.2.3.4")));
      assertThat(e.decision().allowed()).isFalse();
      assertThat(e.root().render()).contains("evaluation error").contains("10.0.0.0/33");
    }
  }

  @Test
  void uintComparesOverTheWholeUnsignedRange() {
    try (Warden w = warden()) {
      w.grant(
          "Doc:a#viewer@User:ann [under {\"limit\":18446744073709551615}]",
          "Doc:b#viewer@User:ann [under {\"limit\":5}]");
      assertThat(w.check(read("a", Map.of("n", new BigInteger("18446744073709551614")))).allowed())
          .isTrue();
      assertThat(w.check(read("a", Map.of("n", new BigInteger("18446744073709551615")))).allowed())
          .isFalse();
      assertThat(w.check(read("b", Map.of("n", 4))).allowed()).isTrue();
      assertThat(w.check(read("b", Map.of("n", 5))).allowed()).isFalse();
    }
  }

  @Test
  void mapValuesAreLookedUpByKey() {
    try (Warden w = warden()) {
      w.grant(
          "Doc:a#viewer@User:ann [lookup {\"m\":{\"foo\":42,\"bar\":10}}]",
          "Doc:b#viewer@User:ann [lookup {\"m\":{\"foo\":42,\"bar\":57}}]",
          "Doc:c#viewer@User:ann [lookup]");
      assertThat(w.check(read("a", Map.of())).allowed()).isTrue();
      assertThat(w.check(read("b", Map.of())).allowed()).isFalse();
      assertThat(w.check(read("c", Map.of("m", Map.of("foo", 42, "bar", -2)))).allowed()).isTrue();
      assertThat(w.check(read("c", Map.of("m", Map.of("foo", 41)))).allowed()).isFalse();
    }
  }

  @Test
  void aMissingValueOfANewTypeIsUnknownAndNamed() {
    try (Warden w = warden()) {
      w.grant(
          "Doc:a#viewer@User:ann [in_range {\"cidr\":\"10.0.0.0/8\"}]",
          "Doc:b#viewer@User:ann [under {\"limit\":5}]",
          "Doc:c#viewer@User:ann [lookup]");
      String[][] cases = {{"a", "parameter user_ip missing"}, {"b", "parameter n missing"}};
      for (String[] c : cases) {
        Explanation e = w.explain(read(c[0], Map.of()));
        assertThat(e.decision().allowed()).as(c[0]).isFalse();
        assertThat(e.root().render()).as(c[0]).contains(c[1]);
      }
      assertThat(w.check(read("c", Map.of())).allowed()).isFalse();
    }
  }

  @Test
  void aKeyMissingFromAMapParameterIsNamedAsSuch() {
    try (Warden w = warden()) {
      w.grant("Doc:a#viewer@User:ann [lookup {\"m\":{\"foo\":42}}]");
      Explanation e = w.explain(read("a", Map.of("bar", 1)));
      assertThat(e.decision().allowed()).isFalse();
      assertThat(e.root().render()).contains("key bar missing from a map");
      e = w.explain(read("a", Map.of()));
      assertThat(e.decision().allowed()).isFalse();
      assertThat(e.root().render()).contains("key bar missing (from the context or a map)");
    }
  }

  @Test
  void aValueThatDoesNotFitIsRejectedWhenWrittenAndWhenRequested() {
    try (Warden w = warden()) {
      String[][] cases = {
        {"under {\"limit\":-1}", "parameter `limit` of `under` must be uint, not int"},
        {"under {\"limit\":18446744073709551616}", "parameter `limit` of `under` must be uint"},
        {"under {\"limit\":1.5}", "parameter `limit` of `under` must be uint, not double"},
        {"in_range {\"user_ip\":\"300.1.1.1\"}", "parameter `user_ip` of `in_range` must be"},
        {"in_range {\"user_ip\":\"example.com\"}", "must be ipaddress, not string"},
        {"lookup {\"m\":{\"foo\":\"x\"}}", "parameter `m` of `lookup` must be map<int>, not map"},
        {"lookup {\"m\":[1]}", "parameter `m` of `lookup` must be map<int>, not list"},
      };
      for (String[] c : cases) {
        String text = "Doc:e#viewer@User:ann [" + c[0] + "]";
        assertThatThrownBy(() -> w.grant(text))
            .as(text)
            .isInstanceOf(WardenException.class)
            .satisfies(
                e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_GRANT))
            .hasMessageContaining(c[1]);
        CheckRequest contextual =
            CheckRequest.builder(EntityRef.of("User", "ann"), "read", EntityRef.of("Doc", "e"))
                .contextualGrant(Grant.parse(text))
                .build();
        assertThatThrownBy(() -> w.check(contextual)).as(text).hasMessageContaining(c[1]);
      }
      assertThat(w.revision()).isZero();
      Object[][] requests = {
        {"n", -3, "`context.n` must be uint (a condition parameter), not int"},
        {"user_ip", "300.1.1.1", "`context.user_ip` must be ipaddress"},
        {"m", Map.of("k", "v"), "`context.m` must be map<int> (a condition parameter), not map"},
      };
      for (Object[] r : requests) {
        assertThatThrownBy(() -> w.check(read("a", Map.of((String) r[0], r[1]))))
            .as(r[2].toString())
            .isInstanceOf(WardenException.class)
            .satisfies(
                e -> assertThat(((WardenException) e).code()).isEqualTo(ErrorCode.INVALID_REQUEST))
            .hasMessageContaining((String) r[2]);
      }
    }
  }

  @Test
  void theExamplesOfTheLanguageGuideHold() {
    String policy =
        """
        actor User {}
        resource Doc {
          roles = ["viewer"];
          permissions = ["read"];
          "read" if "viewer";
        }
        condition in_office(user_ip: ipaddress, cidr: string) { user_ip.in_cidr(cidr) }
        condition under_quota(used: uint, quota: uint) { used < quota }
        condition tagged(tags: map<list<string>>) { "eng" in tags.teams }
        condition small(used: uint) { used < 5 && used < 5u && used < 5.5 }
        """;
    try (Warden w = Warden.builder().policy("guide.warden", policy).build()) {
      w.grant(
          "Doc:a#viewer@User:ann [in_office {\"cidr\":\"192.168.0.0/16\"}]",
          "Doc:b#viewer@User:ann [under_quota {\"quota\":10}]",
          "Doc:c#viewer@User:ann [tagged {\"tags\":{\"teams\":[\"ops\",\"eng\"]}}]",
          "Doc:d#viewer@User:ann [small]");
      assertThat(w.check(read("a", Map.of("user_ip", "192.168.4.2"))).allowed()).isTrue();
      assertThat(w.check(read("b", Map.of("used", 9))).allowed()).isTrue();
      assertThat(w.check(read("b", Map.of("used", 10))).allowed()).isFalse();
      assertThat(w.check(read("c", Map.of())).allowed()).isTrue();
      assertThat(w.check(read("d", Map.of("used", 4))).allowed()).isTrue();
      assertThat(w.check(read("d", Map.of("used", 5))).allowed()).isFalse();
    }
  }

  @Test
  void aNonStringMapKeyDoesNotFit() {
    assertThat(
            dev.warden.condition.Values.fits(AttributeType.mapOf(AttributeType.INT), Map.of(1, 2)))
        .isFalse();
    assertThat(
            dev.warden.condition.Values.fits(
                AttributeType.mapOf(AttributeType.INT), Map.of("a", 2)))
        .isTrue();
  }
}
