package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import org.junit.jupiter.api.Test;

/** The diff names attribute types as the policy language spells them, element types included. */
class PolicyDiffTest {

  private static Policy policy(String attributes) {
    return PolicyCompiler.compile(
            new SourceFile(
                "p.warden", "resource Doc {\n  attributes = { " + attributes + " };\n}\n"))
        .policyOrThrow();
  }

  @Test
  void aChangedMapElementTypeIsShownInFull() {
    assertThat(
            PolicyDiff.of(
                policy("tags: map<list<int>>, ip: string"),
                policy("tags: map<int>, ip: ipaddress")))
        .contains(
            "~ attribute `Doc.tags`: map<list<int>> -> map<int>",
            "~ attribute `Doc.ip`: string -> ipaddress");
  }
}
