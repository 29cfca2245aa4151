package dev.warden.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.Mutation;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link SqliteStore#backupTo}: a copy of an open, written store that opens as the same store. */
class BackupTest {

  @TempDir Path dir;

  @Test
  void aBackupTakenWhileOpenHoldsTheSameGrantsRevisionAndPolicy() {
    Path file = dir.resolve("warden.db");
    Path backup = dir.resolve("backup.db");
    List<Grant> grants = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      grants.add(Grant.parse("Repository:r" + i + "#maintainer@User:u" + (i % 7)));
    }
    try (SqliteStore store = SqliteStore.open(file)) {
      store.write(WriteBatch.touch(grants));
      store.write(
          new WriteBatch(
              List.of(
                  new Mutation.Delete(grants.get(0)),
                  new Mutation.SetAttributes(
                      EntityRef.of("Repository", "r1"), Map.of("is_public", true))),
              List.of()));
      store.savePolicy("type User {}\n", true);
      // Nothing is checkpointed yet: the commits are in warden.db-wal, and a plain copy misses
      // them.
      store.backupTo(backup);
      long revision = store.revision();
      List<Grant> live = store.read(GrantFilter.ALL, null, 1000).items();
      store.write(WriteBatch.touch(List.of(Grant.parse("Repository:after#admin@User:z"))));

      try (SqliteStore copy = SqliteStore.openExisting(backup)) {
        assertThat(copy.created()).isFalse();
        // Two writes and the policy's activation, a revision of its own.
        assertThat(copy.revision()).isEqualTo(revision).isEqualTo(3);
        assertThat(copy.read(GrantFilter.ALL, null, 1000).items())
            .containsExactlyElementsOf(live)
            .hasSize(499);
        assertThat(copy.attributes(EntityRef.of("Repository", "r1")))
            .isEqualTo(Map.of("is_public", true));
        assertThat(copy.activePolicy()).isEqualTo(store.policyVersions().stream().findFirst());
        assertThat(copy.changes(0, 100)).isEqualTo(store.changes(0, 3));
        assertThat(copy.changes(2, 100))
            .containsExactly(new dev.warden.api.Change.PolicyActivated(3, 1));
      }
    }
  }

  @Test
  void anExistingTargetIsNeverOverwritten() throws Exception {
    Path target = Files.writeString(dir.resolve("backup.db"), "keep me");
    try (SqliteStore store = SqliteStore.open(dir.resolve("warden.db"))) {
      assertThatThrownBy(() -> store.backupTo(target))
          .isInstanceOf(WardenException.class)
          .hasMessageContaining("`" + target + "` already exists");
    }
    assertThat(Files.readString(target)).isEqualTo("keep me");
  }
}
