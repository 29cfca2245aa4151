package dev.warden.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.LookupResourcesRequest;
import dev.warden.api.WriteBatch;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An object whose last grant is deleted is no longer known: a lookup that must check every known
 * object (an attribute rule may allow any) does not list it. Found by the lookup property test: a
 * node that only ever held conditional grants kept an empty entry of unconditional subjects.
 */
class DeletedGrantsTest {

  static final String POLICY =
      """
      actor User {
        attributes = { level: int };
      }

      condition flagged(on: bool) { on }

      resource Doc {
        roles = ["reader"];
        permissions = ["view"];
        "view" if actor.level >= 1;
      }
      """;

  static List<String> viewable(Warden w) {
    var r = LookupResourcesRequest.of(EntityRef.of("User", "ann"), "view", "Doc");
    return w.lookupResources(r.with(Map.of("level", 2L), Map.of(), List.of())).ids();
  }

  @Test
  void anObjectWhoseOnlyConditionalGrantIsDeletedIsForgotten() {
    try (Warden w = Warden.builder().policy("deleted.warden", POLICY).build()) {
      w.grant("Doc:kept#reader@User:bob", "Doc:gone#reader@User:bob [flagged]");
      assertThat(viewable(w)).containsExactlyInAnyOrder("kept", "gone");
      w.write(WriteBatch.delete(List.of(Grant.parse("Doc:gone#reader@User:bob [flagged]"))));
      assertThat(viewable(w)).containsExactly("kept");
    }
  }

  @Test
  void anObjectWhoseOnlyGrantIsDeletedIsForgotten() {
    try (Warden w = Warden.builder().policy("deleted.warden", POLICY).build()) {
      w.grant("Doc:kept#reader@User:bob", "Doc:gone#reader@User:bob");
      w.write(WriteBatch.delete(List.of(Grant.parse("Doc:gone#reader@User:bob"))));
      assertThat(viewable(w)).containsExactly("kept");
    }
  }
}
