package dev.warden.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.condition.CompiledExpression;
import dev.warden.lang.PolicyCompiler;
import dev.warden.lang.SourceFile;
import dev.warden.model.Policy;
import dev.warden.store.index.RelationshipIndex;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each CEL compilation costs milliseconds (the CEL checker builds its environment every time), so
 * the HTTP fuzzer's policy with thousands of copies of {@code not resource.archived} in one rule
 * took longer than 20 s to activate. An expression that appears again in the same type is compiled
 * once.
 */
class PlanCompilerTest {

  @Test
  void anExpressionRepeatedInATypeIsCompiledOnce() {
    String source =
        """
        actor User {}
        resource Doc {
          permissions = ["read", "edit", "share"];
          attributes = { open: bool, size: int };
          "read" if resource.open;
          "edit" if resource.open;
          "share" if resource.open and resource.size < 10;
        }
        """;
    Policy policy = PolicyCompiler.compile(new SourceFile("p", source)).policyOrThrow();
    RelationshipIndex index = new RelationshipIndex();
    PolicyPlan plan = PlanCompiler.compile(policy, index);
    int doc = index.typeId("Doc");
    List<CompiledExpression> open = new ArrayList<>();
    List<CompiledExpression> other = new ArrayList<>();
    for (String permission : new String[] {"read", "edit", "share"}) {
      for (Node part : plan.relation(doc, index.relationId(permission)).parts) {
        collect(part, open, other);
      }
    }
    assertThat(open).hasSize(3);
    assertThat(open).allMatch(e -> e == open.get(0));
    assertThat(other).singleElement().isNotSameAs(open.get(0));
  }

  private static void collect(
      Node n, List<CompiledExpression> open, List<CompiledExpression> other) {
    if (n instanceof Node.Attribute a) {
      (a.expression.source().equals("resource.open") ? open : other).add(a.expression);
    } else if (n instanceof Node.RuleNode r) {
      collect(r.body, open, other);
    } else if (n instanceof Node.Union u) {
      for (Node c : u.children) {
        collect(c, open, other);
      }
    } else if (n instanceof Node.Intersection i) {
      for (Node c : i.children) {
        collect(c, open, other);
      }
    }
  }
}
