package dev.warden.langchain4j;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A test double, not a language model: a {@link ChatModel} that answers each chat request with the
 * next scripted step, and remembers every request so a test can inspect what the model was shown
 * (the tools offered, the tool results). It lets a test drive a full tool round-trip through {@code
 * AiServices} deterministically.
 */
final class ScriptedChatModel implements ChatModel {

  private final List<Function<ChatRequest, AiMessage>> steps;
  private final List<ChatRequest> requests = new ArrayList<>();

  ScriptedChatModel(List<Function<ChatRequest, AiMessage>> steps) {
    this.steps = List.copyOf(steps);
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    requests.add(request);
    if (requests.size() > steps.size()) {
      throw new IllegalStateException("the script has only " + steps.size() + " steps");
    }
    return ChatResponse.builder().aiMessage(steps.get(requests.size() - 1).apply(request)).build();
  }

  /** Every request the model received, in order. */
  List<ChatRequest> requests() {
    return requests;
  }
}
