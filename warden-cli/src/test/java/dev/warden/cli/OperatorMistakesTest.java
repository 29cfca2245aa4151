package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Operator mistakes answered with one precise line and a non-zero exit: reading a store that is not
 * there, a PostgreSQL URL that leads nowhere, a busy port, a bad configuration value.
 */
class OperatorMistakesTest {

  @TempDir Path dir;

  private static void oneLine(CliRun run) {
    assertThat(run.status()).as(run.err()).isNotZero();
    assertThat(run.err().strip()).as("one line").doesNotContain("\n").startsWith("error: ");
    assertThat(run.err()).doesNotContain("unexpected failure").doesNotContain("Exception");
  }

  @Test
  void exportOfAMissingSqliteFileFailsAndCreatesNothing() {
    Path missing = dir.resolve("missing.db");
    CliRun run = CliRun.of("export", "--db", missing.toString());
    oneLine(run);
    assertThat(run.err()).contains("`" + missing + "`").contains("does not exist");
    assertThat(missing).doesNotExist();
    assertThat(run.out()).isEmpty();
  }

  @Test
  void exportOfAPostgresSchemaWithoutAStoreFailsAndCreatesNothing() throws Exception {
    String schema = "nostore_" + Long.toHexString(System.nanoTime());
    CliRun run = CliRun.of("export", "--postgres", ImportExportCommandTest.PG, "--schema", schema);
    oneLine(run);
    assertThat(run.err()).contains("`" + schema + "`");
    try (Connection c = DriverManager.getConnection(ImportExportCommandTest.PG);
        PreparedStatement s =
            c.prepareStatement(
                "SELECT count(*) FROM information_schema.schemata WHERE schema_name = ?")) {
      s.setString(1, schema);
      try (ResultSet rs = s.executeQuery()) {
        rs.next();
        assertThat(rs.getInt(1)).as("the schema was not created").isZero();
      }
    }
  }

  @Test
  void aPostgresServerThatNeverAnswersFailsWithinSecondsWithoutThePassword() throws Exception {
    // Accepts connections (the kernel's backlog) but never speaks: only a timeout ends the wait.
    try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      String url =
          "jdbc:postgresql://127.0.0.1:"
              + silent.getLocalPort()
              + "/app?user=warden&password=s3cret-pw";
      long started = System.nanoTime();
      CliRun run =
          assertTimeoutPreemptively(
              Duration.ofSeconds(30), () -> CliRun.of("export", "--postgres", url));
      long millis = (System.nanoTime() - started) / 1_000_000;
      oneLine(run);
      assertThat(run.err())
          .contains("127.0.0.1:" + silent.getLocalPort())
          .contains("password=***")
          .doesNotContain("s3cret-pw");
      assertThat(millis).as("failed after %d ms", millis).isLessThan(9_000);
    }
  }

  @Test
  void aRefusedPostgresPortIsOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    CliRun run =
        CliRun.of(
            "import",
            "--postgres",
            "jdbc:postgresql://127.0.0.1:" + port + "/app?user=warden&password=hunter2",
            Files.writeString(dir.resolve("g.jsonl"), "").toString());
    oneLine(run);
    assertThat(run.err()).contains("127.0.0.1:" + port).doesNotContain("hunter2");
  }

  private CliRun serve(String... extra) {
    String[] base = {
      "serve",
      "--db",
      dir.resolve("warden.db").toString(),
      "--keys-file",
      dir.resolve("keys.yaml").toString(),
      "--policy",
      ImportExportCommandTest.POLICY,
      "--no-audit"
    };
    String[] args = new String[base.length + extra.length];
    System.arraycopy(base, 0, args, 0, base.length);
    System.arraycopy(extra, 0, args, base.length, extra.length);
    // A start that wrongly succeeds would serve forever: bound the wait.
    return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> CliRun.of(args));
  }

  @Test
  void serveOnABusyPortNamesThePortAndSavesNoKey() throws IOException {
    try (ServerSocket busy = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
      CliRun run = serve("--bind", "127.0.0.1", "--port", Integer.toString(busy.getLocalPort()));
      oneLine(run);
      assertThat(run.err())
          .contains("127.0.0.1:" + busy.getLocalPort())
          .contains("port " + busy.getLocalPort() + " is already in use");
      // The admin key of a start that failed was never shown, so it must not be kept either.
      assertThat(dir.resolve("keys.yaml")).doesNotExist();
    }
  }

  @Test
  void aBadConfigValueNamesTheKey() throws IOException {
    Path config = Files.writeString(dir.resolve("warden.yaml"), "port: seventy\n");
    CliRun run = serve("--config", config.toString());
    oneLine(run);
    assertThat(run.err()).contains("`port`").contains("`seventy`");
  }

  @Test
  void anOutOfRangeConfigValueNamesTheKey() throws IOException {
    Path config = Files.writeString(dir.resolve("warden.yaml"), "port: 99999999999\n");
    CliRun run = serve("--config", config.toString());
    oneLine(run);
    assertThat(run.err()).contains("`port`");
  }

  @Test
  void anUnknownConfigKeyIsNamed() throws IOException {
    Path config = Files.writeString(dir.resolve("warden.yaml"), "prot: 7766\n");
    CliRun run = serve("--config", config.toString());
    oneLine(run);
    assertThat(run.err()).contains("`prot`");
  }

  @Test
  void aConfigFileThatIsNotYamlSaysWhere() throws IOException {
    Path config = Files.writeString(dir.resolve("warden.yaml"), "port: [7766\n");
    CliRun run = serve("--config", config.toString());
    oneLine(run);
    assertThat(run.err()).contains("`" + config + "`").contains("line ");
  }
}
