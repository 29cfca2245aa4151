package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.WriteBatch;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackupCommandTest {

  @TempDir Path dir;

  @Test
  void backsUpAnOpenStoreAndTheCopyOpensWithTheSameGrants() {
    Path db = dir.resolve("warden.db");
    Path backup = dir.resolve("backup.db");
    try (SqliteStore live = SqliteStore.open(db)) {
      live.write(
          WriteBatch.touch(
              List.of(
                  Grant.parse("Repository:react#maintainer@User:anne"),
                  Grant.parse("Repository:oso#contributor@User:graham"))));
      // Activating is a revision of its own: the grants' batch is 1, the activation 2.
      live.savePolicy("type User {}\n", true);
      CliRun run = CliRun.of("backup", "--db", db.toString(), "--to", backup.toString());
      assertThat(run.err()).isEmpty();
      assertThat(run.status()).isZero();
      assertThat(run.out())
          .isEqualTo(
              "backed up `"
                  + db
                  + "` to `"
                  + backup
                  + "`: 2 grants at revision 2 (opened and"
                  + " checked)\n");
      try (SqliteStore copy = SqliteStore.openExisting(backup)) {
        assertThat(copy.read(GrantFilter.ALL, null, 10).items())
            .isEqualTo(live.read(GrantFilter.ALL, null, 10).items());
        assertThat(copy.revision()).isEqualTo(live.revision());
        assertThat(copy.activePolicy()).isEqualTo(live.activePolicy());
      }
    }
  }

  @Test
  void refusesToOverwriteAndToBackUpAMissingStore() throws Exception {
    Path db = dir.resolve("warden.db");
    try (SqliteStore s = SqliteStore.open(db)) {
      s.revision();
    }
    Path existing = Files.writeString(dir.resolve("old.db"), "precious");
    CliRun over = CliRun.of("backup", "--db", db.toString(), "--to", existing.toString());
    assertThat(over.status()).isEqualTo(2);
    assertThat(over.err()).contains("already exists");
    assertThat(Files.readString(existing)).isEqualTo("precious");

    Path missing = dir.resolve("missing.db");
    CliRun none =
        CliRun.of("backup", "--db", missing.toString(), "--to", dir.resolve("b.db").toString());
    assertThat(none.status()).isEqualTo(2);
    assertThat(none.err()).contains("`" + missing + "`").contains("does not exist");
    assertThat(missing).doesNotExist();
    assertThat(dir.resolve("b.db")).doesNotExist();
  }

  @Test
  void postgresIsPointedAtPgDumpWithoutThePassword() {
    CliRun run =
        CliRun.of(
            "backup",
            "--postgres",
            "jdbc:postgresql://db:5432/app?user=warden&password=topsecret",
            "--to",
            dir.resolve("b.db").toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err())
        .contains("pg_dump")
        .contains("--schema=warden")
        .doesNotContain("topsecret");
    assertThat(dir.resolve("b.db")).doesNotExist();
  }
}
