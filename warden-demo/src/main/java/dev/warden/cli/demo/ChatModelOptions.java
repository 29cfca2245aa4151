package dev.warden.cli.demo;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/** An OpenAI-compatible chat model, configured by flags or the OPENAI_* environment. */
final class ChatModelOptions {

  /** The one line a demo prints when no model is configured. */
  static final String NONE_CONFIGURED =
      "No chat model configured (set --base-url/--api-key/--model or OPENAI_BASE_URL,"
          + " OPENAI_API_KEY, OPENAI_MODEL)";

  @Option(
      names = "--base-url",
      description = "OpenAI-compatible API base URL (default: $OPENAI_BASE_URL).")
  String baseUrl;

  @Option(names = "--api-key", description = "API key (default: $OPENAI_API_KEY).")
  String apiKey;

  @Option(names = "--model", description = "Chat model name (default: $OPENAI_MODEL).")
  String model;

  /** The configured model, or empty when the base URL or model name is missing. */
  Optional<ChatModel> chatModel() {
    String url = orEnv(baseUrl, "OPENAI_BASE_URL");
    String name = orEnv(model, "OPENAI_MODEL");
    String key = orEnv(apiKey, "OPENAI_API_KEY");
    if (url == null || name == null) {
      return Optional.empty();
    }
    return Optional.of(
        OpenAiChatModel.builder()
            .baseUrl(url)
            .apiKey(key == null ? "none" : key)
            .modelName(name)
            .timeout(Duration.ofSeconds(60))
            .build());
  }

  private static String orEnv(String value, String env) {
    if (value != null && !value.isBlank()) {
      return value;
    }
    String v = System.getenv(env);
    return v == null || v.isBlank() ? null : v;
  }
}
