package dev.warden.store.sqlite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.warden.api.Grant;
import dev.warden.api.GrantFilter;
import dev.warden.api.WardenException;
import dev.warden.api.WriteBatch;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files a store opens: a path that does not exist becomes a new store ({@code created()}); a
 * Warden database opens as it is, even one left by a crash with its data still in the -wal file;
 * any other existing file is refused, untouched, instead of being turned into an empty store.
 */
class ExistingFileTest {

  @TempDir Path dir;

  private static final Grant G = Grant.parse("Repository:r#maintainer@User:u");

  @Test
  void aMissingFileIsCreatedAndReopensAsExistingData() {
    Path file = dir.resolve("w.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      assertThat(s.created()).isTrue();
      s.write(WriteBatch.touch(List.of(G)));
    }
    try (SqliteStore s = SqliteStore.open(file)) {
      assertThat(s.created()).isFalse();
      assertThat(s.read(GrantFilter.ALL, null, 10).items()).containsExactly(G);
    }
  }

  @Test
  void aStoreCopiedWhileOpenWithItsWalIsExistingData() throws Exception {
    // What a crash leaves: the main file (possibly empty) and a -wal holding the commits.
    Path file = dir.resolve("w.db");
    Path copy = dir.resolve("copy.db");
    try (SqliteStore s = SqliteStore.open(file)) {
      s.write(WriteBatch.touch(List.of(G)));
      Files.copy(file, copy);
      Files.copy(file.resolveSibling("w.db-wal"), copy.resolveSibling("copy.db-wal"));
    }
    try (SqliteStore s = SqliteStore.open(copy)) {
      assertThat(s.created()).isFalse();
      assertThat(s.revision()).isEqualTo(1);
      assertThat(s.read(GrantFilter.ALL, null, 10).items()).containsExactly(G);
    }
  }

  @Test
  void anEmptyFileIsRefusedAndLeftAsItWas() throws Exception {
    Path file = Files.createFile(dir.resolve("warden.db"));
    assertThatThrownBy(() -> SqliteStore.open(file))
        .isInstanceOf(WardenException.class)
        .hasMessageContaining("`" + file + "`")
        .hasMessageContaining("not a Warden database")
        .hasMessageContaining("empty")
        .hasMessageContaining("-wal");
    assertThat(Files.size(file)).isZero();
  }

  @Test
  void aSqliteFileWithoutTablesIsRefused() throws Exception {
    Path file = dir.resolve("blank.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("PRAGMA user_version = 7");
    }
    assertThat(Files.size(file)).isPositive();
    assertThatThrownBy(() -> SqliteStore.open(file))
        .hasMessageContaining("`" + file + "`")
        .hasMessageContaining("not a Warden database");
  }

  @Test
  void anotherApplicationsDatabaseIsRefusedNamingItsTables() throws Exception {
    Path file = dir.resolve("other.db");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement()) {
      s.execute("CREATE TABLE invoices (id INTEGER PRIMARY KEY)");
    }
    assertThatThrownBy(() -> SqliteStore.open(file))
        .hasMessageContaining("`" + file + "` is not a Warden database")
        .hasMessageContaining("`invoices`");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file);
        Statement s = c.createStatement();
        var rs = s.executeQuery("SELECT count(*) FROM sqlite_master")) {
      rs.next();
      assertThat(rs.getInt(1)).as("nothing was added to the other database").isEqualTo(1);
    }
  }

  @Test
  void aFileThatIsNotSqliteIsRefused() throws Exception {
    Path file =
        Files.writeString(dir.resolve("notes.db"), "these are not the pages you want\n".repeat(40));
    assertThatThrownBy(() -> SqliteStore.open(file))
        .hasMessageContaining("`" + file + "`")
        .hasMessageContaining("not a Warden database");
  }
}
