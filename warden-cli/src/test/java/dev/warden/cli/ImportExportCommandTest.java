package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.EntityRef;
import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImportExportCommandTest {

  static final String POLICY = "../examples/quickstart/policy.warden";
  static final String PG = "jdbc:postgresql://127.0.0.1:5432/postgres?user=postgres";

  @TempDir Path dir;

  private Path jsonl(String name, int grants) throws IOException {
    Path file = dir.resolve(name);
    try (Writer w = Files.newBufferedWriter(file)) {
      for (int i = 0; i < grants; i++) {
        w.write("{\"grant\":\"Repository:r" + i + "#maintainer@User:u" + (i % 100) + "\"}\n");
      }
      w.write("{\"entity\":\"Repository:r0\",\"attributes\":{\"is_public\":true}}\n");
    }
    return file;
  }

  @Test
  void importWritesBatchesAndExportGivesTheSameDataBack() throws IOException {
    Path data = jsonl("in.jsonl", 12_345);
    Path db = dir.resolve("w.db");
    CliRun in =
        CliRun.of(
            "import",
            "--db",
            db.toString(),
            "--policy",
            POLICY,
            "--batch-size",
            "5000",
            data.toString());
    assertThat(in.err()).isEmpty();
    assertThat(in.status()).isZero();
    assertThat(in.out()).startsWith("imported 12345 grants and 1 attribute sets in 3 batches");
    try (SqliteStore s = SqliteStore.open(db)) {
      assertThat(s.revision()).isEqualTo(3);
      assertThat(s.read(GrantFilter.ALL, null, 20_000).items()).hasSize(12_345);
      assertThat(s.attributes(EntityRef.of("Repository", "r0")))
          .isEqualTo(Map.of("is_public", true));
    }

    Path out = dir.resolve("out.jsonl");
    CliRun export = CliRun.of("export", "--db", db.toString(), out.toString());
    assertThat(export.status()).isZero();
    assertThat(export.err())
        .isEqualTo("exported 12345 grants and 1 attribute sets at revision 3\n");
    List<String> lines = Files.readAllLines(out);
    assertThat(lines).hasSize(12_346);
    assertThat(lines).containsAll(Files.readAllLines(data));

    // Importing the export into a fresh store gives the same content; importing again is a no-op.
    Path copy = dir.resolve("copy.db");
    assertThat(CliRun.of("import", "--db", copy.toString(), out.toString()).status()).isZero();
    assertThat(CliRun.of("import", "--db", copy.toString(), out.toString()).out())
        .contains("(revision 3,");
  }

  @Test
  void exportFollowsTheFileExtension() throws IOException {
    Path db = dir.resolve("w.db");
    CliRun.of("import", "--db", db.toString(), jsonl("in.jsonl", 3).toString());
    Path yaml = dir.resolve("out.yaml");
    assertThat(CliRun.of("export", "--db", db.toString(), yaml.toString()).status()).isZero();
    assertThat(Files.readString(yaml))
        .contains("grants:")
        .contains("- Repository:r2#maintainer@User:u2")
        .contains("attributes:");
  }

  @Test
  void aGrantThePolicyForbidsFailsTheImportBeforeAnythingIsWritten() throws IOException {
    Path data = jsonl("in.jsonl", 7_000);
    Files.writeString(
        data,
        "{\"grant\":\"Repository:x#read@User:ann\"}\n",
        java.nio.file.StandardOpenOption.APPEND);
    Path db = dir.resolve("w.db");
    CliRun r =
        CliRun.of(
            "import",
            "--db",
            db.toString(),
            "--policy",
            POLICY,
            "--batch-size",
            "1000",
            data.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("`read` is a permission of `Repository`");
    try (SqliteStore s = SqliteStore.open(db)) {
      assertThat(s.revision()).isZero();
    }
  }

  @Test
  void aMalformedRecordIsReportedWithItsLine() throws IOException {
    Path data = dir.resolve("bad.jsonl");
    Files.writeString(
        data, "{\"grant\":\"Repository:a#maintainer@User:ann\"}\n{\"grant\":\"nonsense\"}\n");
    Path db = dir.resolve("w.db");
    CliRun r = CliRun.of("import", "--db", db.toString(), data.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("bad.jsonl:2:");
    try (SqliteStore s = SqliteStore.open(db)) {
      assertThat(s.revision()).isZero();
    }
  }

  @Test
  void importAndExportWorkOnPostgres() throws IOException, SQLException {
    String schema = "warden_cli_" + Long.toHexString(System.nanoTime());
    try {
      Path data = jsonl("in.jsonl", 50);
      CliRun in = CliRun.of("import", "--postgres", PG, "--schema", schema, data.toString());
      assertThat(in.status()).as(in.err()).isZero();
      Path out = dir.resolve("out.json");
      CliRun export = CliRun.of("export", "--postgres", PG, "--schema", schema, out.toString());
      assertThat(export.status()).as(export.err()).isZero();
      assertThat(Files.readString(out))
          .contains(Grant.parse("Repository:r49#maintainer@User:u49").toString());
    } finally {
      try (Connection c = DriverManager.getConnection(PG);
          Statement s = c.createStatement()) {
        s.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
      }
    }
  }
}
