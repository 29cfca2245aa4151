package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.EntityRef;
import dev.warden.api.GrantFilter;
import dev.warden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code warden import} checks every record against the store's active policy, with or without
 * {@code --policy}: data the live store's policy rejects is refused whole and nothing is written.
 */
class ImportValidationTest {

  @TempDir Path dir;

  private Path db;

  /** The store's revision before the import: the policy's activation. */
  private long activated;

  @BeforeEach
  void storeWithTheQuickstartActive() throws IOException {
    db = dir.resolve("warden.db");
    try (SqliteStore s = SqliteStore.open(db)) {
      s.savePolicy(Files.readString(Path.of(ImportExportCommandTest.POLICY)), true);
      activated = s.revision();
    }
  }

  private void nothingWritten() {
    try (SqliteStore s = SqliteStore.openExisting(db)) {
      assertThat(activated).as("activating is a revision of its own").isEqualTo(1);
      assertThat(s.revision()).isEqualTo(activated);
      assertThat(s.read(GrantFilter.ALL, null, 10).items()).isEmpty();
      assertThat(s.attributes(EntityRef.of("Repository", "react"))).isEmpty();
    }
  }

  @Test
  void withoutPolicyGrantsAndAttributesTheActivePolicyRejectsAreRefused() throws IOException {
    Path data =
        Files.writeString(
            dir.resolve("bad.jsonl"),
            """
            {"grant":"Repository:react#maintainer@User:anne"}
            {"grant":"Repository:react#maintainr@User:x"}
            {"entity":"Repository:react","attributes":{"is_public":"yes"}}
            """);
    CliRun run = CliRun.of("import", "--db", db.toString(), data.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("maintainr").contains("is_public");
    assertThat(run.out()).isEmpty();
    nothingWritten();
  }

  @Test
  void aPolicyFileDoesNotOverrideTheStoresActivePolicy() throws IOException {
    // The file declares `reviewer`; the store's active policy, which the live engine enforces,
    // does not: writing it would put a grant in the store that its own policy rejects.
    Path policy =
        Files.writeString(
            dir.resolve("other.warden"),
            Files.readString(Path.of(ImportExportCommandTest.POLICY))
                .replace("\"admin\"];", "\"admin\", \"reviewer\"];"));
    Path data =
        Files.writeString(
            dir.resolve("reviewer.jsonl"), "{\"grant\":\"Repository:react#reviewer@User:x\"}\n");
    CliRun run =
        CliRun.of("import", "--db", db.toString(), "--policy", policy.toString(), data.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("reviewer").contains("active policy");
    nothingWritten();
  }

  @Test
  void badDataForAStoreThatDoesNotExistYetCreatesNothing() throws IOException {
    Path fresh = dir.resolve("new.db");
    Path data =
        Files.writeString(
            dir.resolve("bad.jsonl"), "{\"grant\":\"Repository:react#maintainr@User:x\"}\n");
    CliRun run =
        CliRun.of(
            "import",
            "--db",
            fresh.toString(),
            "--policy",
            ImportExportCommandTest.POLICY,
            data.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("maintainr");
    assertThat(fresh).doesNotExist();
  }

  @Test
  void dataTheActivePolicyAdmitsIsImported() throws IOException {
    Path data =
        Files.writeString(
            dir.resolve("good.jsonl"),
            """
            {"grant":"Repository:react#maintainer@User:anne"}
            {"entity":"Repository:react","attributes":{"is_public":true}}
            """);
    CliRun run = CliRun.of("import", "--db", db.toString(), data.toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith("imported 1 grants and 1 attribute sets in 1 batches");
    try (SqliteStore s = SqliteStore.openExisting(db)) {
      assertThat(s.read(GrantFilter.ALL, null, 10).items()).hasSize(1);
    }
  }
}
