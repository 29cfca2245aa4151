package dev.warden.importer.openfga;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.Warden;
import dev.warden.api.CheckRequest;
import dev.warden.api.EntityRef;
import dev.warden.importer.ImportResult;
import dev.warden.lang.SourceFile;
import dev.warden.store.memory.MemoryStore;
import org.junit.jupiter.api.Test;

/** An imported model is stored with {@code activateInStore} and decides as OpenFGA would. */
class ImportedModelIsEnforcedTest {

  private static final String MODEL =
      """
      model
        schema 1.1
      type user
      type group
        relations
          define member: [user, group#member]
      type folder
        relations
          define viewer: [user, group#member]
      type document
        relations
          define parent: [folder]
          define blocked: [user]
          define viewer: [user, user:*] or viewer from parent
          define can_view: viewer but not blocked
      """;

  @Test
  void grantsThroughParentsGroupsAndWildcardsAndExclusion() {
    ImportResult r = OpenFgaModelImporter.importModel(new SourceFile("drive.fga", MODEL));
    assertThat(r.render()).isEmpty();
    try (Warden w =
        Warden.builder().policy("start.warden", "actor User {}").store(new MemoryStore()).build()) {
      w.activateInStore("drive.warden", r.policy());
      w.grant("Group:eng#member@User:ann");
      w.grant("Folder:f#viewer@Group:eng#member");
      w.grant("Document:d#parent@Folder:f");
      w.grant("Document:d#blocked@User:bob");
      w.grant("Document:pub#viewer@User:*");

      assertThat(canView(w, "ann", "d")).isTrue();
      assertThat(canView(w, "carl", "d")).isFalse();
      assertThat(canView(w, "carl", "pub")).isTrue();
      w.grant("Group:eng#member@User:bob");
      assertThat(canView(w, "bob", "d")).isFalse();
    }
  }

  private static boolean canView(Warden w, String user, String doc) {
    return w.check(
            CheckRequest.of(EntityRef.of("User", user), "can_view", EntityRef.of("Document", doc)))
        .allowed();
  }
}
