package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.warden.server.WardenServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ServeCommandTest {

  @TempDir Path dir;

  @Test
  void servesTheQuickstartAndPrintsAKeyOnceThatWorks() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    StringWriter text = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(text));
    CommandLine.ParseResult parsed =
        cl.parseArgs(
            "serve",
            "--port",
            "0",
            "--keys-file",
            dir.resolve("keys.yaml").toString(),
            "--db",
            dir.resolve("warden.db").toString());
    ServeCommand serve = (ServeCommand) parsed.subcommand().commandSpec().userObject();
    try (WardenServer server = serve.start(Map.of("WARDEN_HOME", root.toString()))) {
      Matcher m = Pattern.compile("WARDEN_KEY=(wk_\\S+)").matcher(text.toString());
      assertThat(m.find()).as(text.toString()).isTrue();
      assertThat(text.toString()).contains("curl");
      HttpResponse<String> r =
          HttpClient.newHttpClient()
              .send(
                  HttpRequest.newBuilder(
                          URI.create("http://127.0.0.1:" + server.port() + "/v1/check"))
                      .header("Authorization", "Bearer " + m.group(1))
                      .POST(
                          HttpRequest.BodyPublishers.ofString(
                              "{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\","
                                  + "\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\"}}"))
                      .build(),
                  HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).contains("\"allowed\":true");
    }
    StringWriter second = new StringWriter();
    CommandLine again = Main.commandLine();
    again.setOut(new PrintWriter(second));
    ServeCommand serve2 =
        (ServeCommand)
            again
                .parseArgs(
                    "serve",
                    "--port",
                    "0",
                    "--keys-file",
                    dir.resolve("keys.yaml").toString(),
                    "--db",
                    dir.resolve("warden.db").toString())
                .subcommand()
                .commandSpec()
                .userObject();
    try (WardenServer server = serve2.start(Map.of("WARDEN_HOME", root.toString()))) {
      assertThat(server.port()).isPositive();
      assertThat(second.toString()).doesNotContain("WARDEN_KEY=");
    }
  }

  private String startAndStop(Path policy) throws Exception {
    StringWriter text = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(text));
    ServeCommand serve =
        (ServeCommand)
            cl.parseArgs(
                    "serve",
                    "--port",
                    "0",
                    "--no-audit",
                    "--policy",
                    policy.toString(),
                    "--keys-file",
                    dir.resolve("keys.yaml").toString(),
                    "--db",
                    dir.resolve("warden.db").toString())
                .subcommand()
                .commandSpec()
                .userObject();
    try (WardenServer server = serve.start(Map.of())) {
      assertThat(server.port()).isPositive();
    }
    return text.toString();
  }

  @Test
  void anEditedPolicyFileThatIsNotActiveIsAWarningNamingTheActiveVersion() throws Exception {
    Path root = Path.of("").toAbsolutePath().getParent();
    String quickstart =
        java.nio.file.Files.readString(root.resolve("examples/quickstart/policy.warden"));
    Path file = java.nio.file.Files.writeString(dir.resolve("policy.warden"), quickstart);
    assertThat(startAndStop(file)).doesNotContain("WARNING");
    assertThat(startAndStop(file)).as("the same file again").doesNotContain("WARNING");
    java.nio.file.Files.writeString(
        file, quickstart.replace("\"push\" if \"maintainer\"", "\"push\" if \"contributor\""));
    String edited = startAndStop(file);
    assertThat(edited)
        .contains(
            "WARNING: `" + file + "` differs from the store's active policy; version 1 (activated ")
        .contains("stays active and the file is NOT enforced")
        .contains(
            "WARNING: to activate the file: warden policy push "
                + file
                + " --db "
                + dir.resolve("warden.db"))
        .contains("(policy version 1 from the store");
  }

  @Test
  void helpListsEveryOption() {
    StringWriter text = new StringWriter();
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(text));
    cl.execute("serve", "--help");
    for (String key : dev.warden.server.ConfigLoader.KEYS.keySet()) {
      String option =
          switch (key) {
            case "seed_data" -> "--data";
            case "audit" -> "--[no-]audit"; // picocli's spelling of a negatable option
            default -> "--" + key.replace('_', '-');
          };
      assertThat(text.toString()).as(option).contains(option);
    }
  }
}
