package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.store.sqlite.SqliteStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code warden import --from openfga|spicedb FILE} into a real SQLite store file. */
class ForeignImportCommandTest {

  @TempDir Path dir;

  /** A store whose active policy is the imported model of {@code model}. */
  private Path store(String from, String modelName, String model) throws IOException {
    Path file = dir.resolve(modelName);
    Files.writeString(file, model);
    Path policy = dir.resolve("policy.warden");
    CliRun imported =
        CliRun.of("model", "import", "--from", from, file.toString(), "--out", policy.toString());
    assertThat(imported.status()).as(imported.err()).isZero();
    Path db = dir.resolve("w.db");
    SqliteStore.open(db).close();
    CliRun pushed = CliRun.of("policy", "push", policy.toString(), "--db", db.toString());
    assertThat(pushed.status()).as(pushed.err()).isZero();
    return db;
  }

  private Path openFgaStore() throws IOException {
    return store(
        "openfga",
        "model.fga",
        """
        model
          schema 1.1
        type user
        type group
          relations
            define member: [user]
        type doc
          relations
            define viewer: [user, group#member]
        """);
  }

  private Path spiceDbStore() throws IOException {
    return store(
        "spicedb",
        "schema.zed",
        """
        definition user {}
        definition group {
          relation member: user
        }
        definition doc {
          relation viewer: user | group#member
          permission view = viewer
        }
        """);
  }

  private static List<String> grants(Path db) {
    try (SqliteStore s = SqliteStore.open(db)) {
      return s.read(GrantFilter.ALL, null, 1000).items().stream()
          .map(Grant::toString)
          .sorted()
          .toList();
    }
  }

  private static long revision(Path db) {
    try (SqliteStore s = SqliteStore.open(db)) {
      return s.revision();
    }
  }

  private Path write(String name, String text) throws IOException {
    Path file = dir.resolve(name);
    Files.writeString(file, text);
    return file;
  }

  @Test
  void openFgaTuplesAreWrittenInOneBatch() throws IOException {
    Path db = openFgaStore();
    long before = revision(db);
    Path tuples =
        write(
            "tuples.yaml",
            """
            - user: user:anne
              relation: viewer
              object: doc:1
            - user: group:eng#member
              relation: viewer
              object: doc:2
            - user: user:bob
              relation: member
              object: group:eng
            """);
    CliRun r = CliRun.of("import", "--from", "openfga", "--db", db.toString(), tuples.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo("imported 3 grants from " + tuples + " (revision " + (before + 1) + ")\n");
    assertThat(r.status()).isZero();
    assertThat(grants(db))
        .containsExactly(
            "Doc:1#viewer@User:anne", "Doc:2#viewer@Group:eng#member", "Group:eng#member@User:bob");
  }

  @Test
  void aRefusedOpenFgaFileWritesNothingAndSaysWhereEachTupleIsWrong() throws IOException {
    Path db = openFgaStore();
    Path first =
        write(
            "first.json", "[{\"user\":\"user:zoe\",\"relation\":\"viewer\",\"object\":\"doc:9\"}]");
    assertThat(
            CliRun.of("import", "--from", "openfga", "--db", db.toString(), first.toString())
                .status())
        .isZero();
    List<String> stored = grants(db);
    long before = revision(db);
    Path tuples =
        write(
            "tuples.yaml",
            """
            - user: user:anne
              relation: viewer
              object: doc:1
            - user: user:bob
              relation: owner
              object: doc:1
            - user: anne
              relation: viewer
              object: doc:1
            """);
    CliRun r = CliRun.of("import", "--from", "openfga", "--db", db.toString(), tuples.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .contains(tuples + ":4:")
        .contains(tuples + ":7:9: error[FGA303]")
        .endsWith("error: `" + tuples + "` was not imported: 2 refused, nothing written\n");
    assertThat(revision(db)).isEqualTo(before);
    assertThat(grants(db)).isEqualTo(stored);
  }

  @Test
  void spiceDbRelationshipsAreWrittenInOneBatch() throws IOException {
    Path db = spiceDbStore();
    long before = revision(db);
    Path rels =
        write(
            "rels.txt",
            """
            // the design team
            group:design#member@user:beth

            doc:1#viewer@group:design#member
            doc:1#viewer@user:anne
            """);
    CliRun r = CliRun.of("import", "--from", "spicedb", "--db", db.toString(), rels.toString());
    assertThat(r.err()).isEmpty();
    assertThat(r.out())
        .isEqualTo("imported 3 grants from " + rels + " (revision " + (before + 1) + ")\n");
    assertThat(r.status()).isZero();
    assertThat(grants(db))
        .containsExactly(
            "Doc:1#viewer@Group:design#member",
            "Doc:1#viewer@User:anne",
            "Group:design#member@User:beth");
  }

  @Test
  void aRefusedSpiceDbFileWritesNothingAndSaysWhereEachLineIsWrong() throws IOException {
    Path db = spiceDbStore();
    long before = revision(db);
    Path rels =
        write(
            "rels.txt",
            """
            doc:1#viewer@user:anne
              doc:1#owner@user:bob
            doc:1#viewer@user:carl[expiration:2030-01-01T00:00:00Z]
            doc:1#viewer user:dan
            """);
    CliRun r = CliRun.of("import", "--from", "spicedb", "--db", db.toString(), rels.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .contains(rels + ":2:3: error[SDB304]: ")
        .contains("  |   doc:1#owner@user:bob\n  |   ^^^^^^^^^^^^^^^^^^^^\n")
        .contains(rels + ":3:23: error[SDB210]: expiring relationships are not imported\n")
        .contains(rels + ":4:1: error[SDB110]: relationship has no `@` before its subject\n")
        .endsWith("error: `" + rels + "` was not imported: 3 refused, nothing written\n");
    assertThat(revision(db)).isEqualTo(before);
    assertThat(grants(db)).isEmpty();
  }

  @Test
  void aPolicyFileIsCheckedBesideTheStoresPolicy() throws IOException {
    Path db = spiceDbStore();
    long before = revision(db);
    Path policy = write("p.warden", "actor User {}\nresource Doc { roles = [\"owner\"]; }\n");
    Path rels = write("rels.txt", "doc:1#viewer@user:anne\n");
    CliRun r =
        CliRun.of(
            "import",
            "--from",
            "spicedb",
            "--db",
            db.toString(),
            "--policy",
            policy.toString(),
            rels.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(rels + ":1:1: error[SDB304]");
    assertThat(revision(db)).isEqualTo(before);
    assertThat(grants(db)).isEmpty();
  }

  @Test
  void aStoreWithNoPolicyIsNotCreated() throws IOException {
    Path db = dir.resolve("new.db");
    Path rels = write("rels.txt", "doc:1#viewer@user:anne\n");
    CliRun r = CliRun.of("import", "--from", "spicedb", "--db", db.toString(), rels.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains("does not exist, so it has no policy to check the tuples against");
    assertThat(db).doesNotExist();
  }

  @Test
  void aRefusedFileDoesNotCreateTheStoreGivenAPolicyFile() throws IOException {
    Path db = dir.resolve("new.db");
    Path policy = write("p.warden", "actor User {}\nresource Doc { roles = [\"viewer\"]; }\n");
    Path rels = write("rels.txt", "doc:1#owner@user:anne\n");
    CliRun r =
        CliRun.of(
            "import",
            "--from",
            "spicedb",
            "--db",
            db.toString(),
            "--policy",
            policy.toString(),
            rels.toString());
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).contains(rels + ":1:1: error[SDB304]");
    assertThat(db).doesNotExist();
    Path good = write("good.txt", "doc:1#viewer@user:anne\n");
    CliRun ok =
        CliRun.of(
            "import",
            "--from",
            "spicedb",
            "--db",
            db.toString(),
            "--policy",
            policy.toString(),
            good.toString());
    assertThat(ok.status()).as(ok.err()).isZero();
    assertThat(grants(db)).containsExactly("Doc:1#viewer@User:anne");
  }
}
