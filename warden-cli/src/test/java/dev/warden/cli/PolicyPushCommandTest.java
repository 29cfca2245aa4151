package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden policy push}: validate, diff against the active policy, activate. */
class PolicyPushCommandTest {

  @TempDir Path dir;

  private Path db;
  private String quickstart;

  @BeforeEach
  void storeWithTheQuickstartActive() throws IOException {
    db = dir.resolve("warden.db");
    quickstart = Files.readString(Path.of(ImportExportCommandTest.POLICY));
    try (SqliteStore s = SqliteStore.open(db)) {
      s.savePolicy(quickstart, true);
    }
  }

  private long activeVersion() {
    try (SqliteStore s = SqliteStore.openExisting(db)) {
      return s.activePolicy().orElseThrow().version();
    }
  }

  private Path edited() throws IOException {
    String changed =
        quickstart
                .replace("\"delete\"];", "\"delete\", \"archive\"];")
                .replace("\"contributor\", \"maintainer\", \"admin\"", "\"maintainer\", \"admin\"")
                .replace("  \"contributor\" if \"maintainer\";\n", "")
                .replace("\"read\" if \"contributor\";", "\"read\" if \"maintainer\";")
                .replace("is_public: bool", "is_public: string")
                .replace(
                    "  \"delete\" if \"admin\";",
                    "  \"delete\" if \"admin\";\n  \"archive\" if \"admin\";")
            + "\nresource Team {\n  roles = [\"member\"];\n}\n";
    return Files.writeString(dir.resolve("edited.warden"), changed);
  }

  @Test
  void dryRunShowsTheChangesAndActivatesNothing() throws IOException {
    Path file = edited();
    CliRun run = CliRun.of("policy", "push", file.toString(), "--db", db.toString(), "--dry-run");
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(run.out())
        .isEqualTo(
            """
            changes against the active policy (version 1):
              + relation `Repository#archive` (permission)
              - relation `Repository#contributor` (role)
              ~ relation `Repository#read`: rules changed
              ~ attribute `Repository.is_public`: bool -> string
              + type `Team` (resource)
            --dry-run: nothing was activated
            """);
    assertThat(activeVersion()).isEqualTo(1);
  }

  @Test
  void pushActivatesTheFileAsANewVersion() throws IOException {
    Path file = edited();
    CliRun run = CliRun.of("policy", "push", file.toString(), "--db", db.toString());
    assertThat(run.status()).as(run.err()).isZero();
    // Version 1 was activated at revision 1 (the setup writes no grants), version 2 at 2.
    assertThat(run.out())
        .contains(
            "activated `"
                + file
                + "` as version 2 at revision 2; every running server over this store enforces"
                + " it from that revision");
    try (SqliteStore s = SqliteStore.openExisting(db)) {
      assertThat(s.changes(1, 10)).containsExactly(new dev.warden.api.Change.PolicyActivated(2, 2));
      assertThat(s.activePolicy().orElseThrow().version()).isEqualTo(2);
      assertThat(s.activePolicy().orElseThrow().source()).isEqualTo(Files.readString(file));
      assertThat(s.policyVersions()).hasSize(2);
    }
    CliRun again = CliRun.of("policy", "push", file.toString(), "--db", db.toString());
    assertThat(again.status()).isZero();
    assertThat(again.out()).contains("is the active policy already (version 2); nothing changed");
    assertThat(activeVersion()).isEqualTo(2);
  }

  @Test
  void anInvalidPolicyIsRefusedWithItsDiagnosticsAndNothingChanges() throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("bad.warden"),
            quickstart.replace("\"push\" if \"maintainer\"", "\"push\" if \"maintainr\""));
    CliRun run = CliRun.of("policy", "push", file.toString(), "--db", db.toString());
    assertThat(run.status()).isEqualTo(1);
    assertThat(run.err())
        .contains("maintainr")
        .contains("bad.warden:")
        .contains("nothing was activated");
    assertThat(activeVersion()).isEqualTo(1);
    try (SqliteStore s = SqliteStore.openExisting(db)) {
      assertThat(s.policyVersions()).hasSize(1);
    }
  }

  @Test
  void anEmptyPolicyIsRefusedAndNothingChanges() throws IOException {
    for (String empty : new String[] {"", "actor User {}\n"}) {
      Path file = Files.writeString(dir.resolve("empty.warden"), empty);
      CliRun run = CliRun.of("policy", "push", file.toString(), "--db", db.toString());
      assertThat(run.status()).isEqualTo(2);
      assertThat(run.err()).contains("declares no resource type");
    }
    try (SqliteStore s = SqliteStore.openExisting(db)) {
      assertThat(s.policyVersions()).hasSize(1);
    }
  }

  @Test
  void aMissingStoreIsNotCreated() throws IOException {
    Path missing = dir.resolve("nope.db");
    CliRun run = CliRun.of("policy", "push", edited().toString(), "--db", missing.toString());
    assertThat(run.status()).isEqualTo(2);
    assertThat(run.err()).contains("does not exist");
    assertThat(missing).doesNotExist();
  }
}
