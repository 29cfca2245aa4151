package dev.warden.cli.demo;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;

/**
 * A deterministic, rule-based stand-in for a language model, used by {@code warden demo agent} when
 * no chat model is configured. It is not an LLM: it always plans one call to the {@code search}
 * tool with the user's question, then answers with the tool's result verbatim. It asks for the tool
 * whether or not it was offered, so the execution-time authorization path runs for real.
 */
final class ScriptedPlanner implements ChatModel {

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      dev.warden.wire.WireJson.mapper();

  static final String TOOL = "search";
  static final String ANSWER_PREFIX = "From the search tool:\n";

  @Override
  public ChatResponse doChat(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    ChatMessage last = messages.get(messages.size() - 1);
    AiMessage reply;
    if (last instanceof ToolExecutionResultMessage result) {
      reply = AiMessage.from(answer(result.text()));
    } else {
      String question = last instanceof UserMessage u ? u.singleText() : "";
      reply =
          AiMessage.from(
              ToolExecutionRequest.builder()
                  .id("planned-1")
                  .name(TOOL)
                  .arguments(jsonObject("query", question))
                  .build());
    }
    return ChatResponse.builder().aiMessage(reply).build();
  }

  /** A refusal is passed on as is; anything else is presented as search results. */
  private static String answer(String toolResult) {
    return toolResult.endsWith("is not authorized to use this tool.")
        ? toolResult
        : ANSWER_PREFIX + toolResult;
  }

  private static String jsonObject(String key, String value) {
    try {
      return JSON.writeValueAsString(java.util.Map.of(key, value));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
