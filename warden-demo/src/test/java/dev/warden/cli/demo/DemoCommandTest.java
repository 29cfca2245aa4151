package dev.warden.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The demos as a user runs them: bundled files, the real in-process embedding model, no network and
 * no chat model configured.
 */
class DemoCommandTest {

  static final String SECRET = "demo-secret-demo-secret-demo-secret";
  static final String NO_MODEL_NOTICE = "No chat model configured";
  static final Pattern SOURCE = Pattern.compile("^\\[Document:([a-z0-9-]+)\\]", Pattern.MULTILINE);

  static Set<String> sources(String out) {
    Matcher m = SOURCE.matcher(out);
    java.util.Set<String> found = new java.util.TreeSet<>();
    while (m.find()) {
      found.add(m.group(1));
    }
    return found;
  }

  @Test
  void aliceMayNotUseTheSearchTool() {
    CliRun r = CliRun.of("demo", "agent", "--user", "alice", "What is MFA?");
    assertThat(r.status()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines.get(0)).startsWith(NO_MODEL_NOTICE).contains("ScriptedPlanner");
    assertThat(lines.subList(1, lines.size()))
        .containsExactly("User alice is not authorized to use this tool.");
  }

  @Test
  void bobGetsAnAnswerBuiltFromTheSearchTool() {
    CliRun r = CliRun.of("demo", "agent", "--user", "bob", "What is MFA?");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("From the search tool:").contains("hardware security key");
    assertThat(sources(r.out())).contains("mfa").isSubsetOf("mfa", "oncall", "deploys", "handbook");
  }

  @Test
  void eachUserSeesOnlyPassagesOfDocumentsTheyMayRead() {
    CliRun bob = CliRun.of("demo", "rag", "--user", "bob", "What is MFA?");
    assertThat(bob.out()).contains(NO_MODEL_NOTICE).contains("Asking as User:bob.");
    assertThat(sources(bob.out()))
        .contains("mfa")
        .isSubsetOf("mfa", "oncall", "deploys", "handbook");

    CliRun alice = CliRun.of("demo", "rag", "--user", "alice", "What is the Q3 budget?");
    assertThat(sources(alice.out()))
        .contains("q3-budget")
        .isSubsetOf("q3-budget", "payroll", "expenses", "handbook");

    CliRun carol = CliRun.of("demo", "rag", "--user", "carol", "What is the Q3 budget?");
    assertThat(sources(carol.out())).containsExactly("handbook");
  }

  @Test
  void aVerifiedTokenNamesTheUser() {
    CliRun token = CliRun.of("demo", "token", "--user", "alice", "--secret", SECRET);
    assertThat(token.status()).isZero();
    String jwt = token.out().strip();
    assertThat(jwt.split("\\.")).hasSize(3);

    CliRun r = CliRun.of("demo", "rag", "--token", jwt, "--secret", SECRET, "How is payroll run?");
    assertThat(r.status()).isZero();
    assertThat(r.out()).contains("Asking as User:alice.");
    assertThat(sources(r.out())).contains("payroll").doesNotContain("mfa", "oncall", "deploys");
  }

  @Test
  void aTokenSignedWithAnotherSecretIsRejected() {
    String jwt =
        CliRun.of("demo", "token", "--user", "alice", "--secret", SECRET + "-other").out().strip();
    CliRun r = CliRun.of("demo", "rag", "--token", jwt, "--secret", SECRET, "payroll?");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err())
        .isEqualTo("error: the bearer token's signature does not verify with the configured key\n");
    assertThat(r.out()).doesNotContain("[Document:");
  }

  @Test
  void anExpiredTokenIsRejected() {
    String jwt =
        CliRun.of("demo", "token", "--user", "bob", "--secret", SECRET, "--ttl", "-PT1H")
            .out()
            .strip();
    CliRun r = CliRun.of("demo", "agent", "--token", jwt, "--secret", SECRET, "What is MFA?");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: the bearer token has expired\n");
  }

  @Test
  void userAndTokenAreExclusive() {
    CliRun r = CliRun.of("demo", "rag", "What is MFA?");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("error: give exactly one of --user and --token\n");
  }
}
