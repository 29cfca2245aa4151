package dev.warden.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CLI that serves and checks carries no demo: no embedding model, no ONNX runtime, no
 * LangChain4j (they made its jar 115 MB and every {@code warden check} slower to start). They live
 * in warden-demo, whose jar {@code ./warden demo} runs.
 */
class LeanCliTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "dev.warden.cli.demo.DemoCommand",
        "dev.warden.langchain4j.AuthorizedTools",
        "dev.langchain4j.model.chat.ChatModel",
        "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel",
        "ai.onnxruntime.OrtEnvironment",
        "dev.warden.identity.JwtVerifier"
      })
  void demoDependenciesAreNotOnTheClasspath(String className) {
    assertThatThrownBy(() -> Class.forName(className, false, getClass().getClassLoader()))
        .isInstanceOf(ClassNotFoundException.class);
  }

  @Test
  void demoSaysWhereTheDemosAre() {
    CliRun r = CliRun.of("demo", "rag", "--user", "bob", "What is MFA?");
    assertThat(r.status()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "error: this jar carries no demos; run them with ./warden demo ... from the"
                + " repository, or java -jar warden-demo/target/warden-demo.jar demo ...\n");
  }

  @Test
  void helpStillListsDemo() {
    CliRun r = CliRun.of("--help");
    assertThat(r.status()).isZero();
    assertThat(r.out()).containsPattern("(?m)^  demo +Runnable demos");
  }
}
