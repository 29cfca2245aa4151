package dev.warden.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.warden.api.EntityRef;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The tools of one user: those offered to the model, and the refusal for calls to any other. Every
 * executor here is gated, so a call is authorized again when it runs.
 */
public final class UserTools {

  private final EntityRef user;
  private final Map<ToolSpecification, ToolExecutor> offered;
  private final Map<String, ToolExecutor> all;
  private final ToolGate gate;

  UserTools(
      EntityRef user,
      Map<ToolSpecification, ToolExecutor> offered,
      Map<String, ToolExecutor> all,
      ToolGate gate) {
    this.user = user;
    this.offered = Collections.unmodifiableMap(new LinkedHashMap<>(offered));
    this.all = Map.copyOf(all);
    this.gate = gate;
  }

  /** The user the tools are for. */
  public EntityRef user() {
    return user;
  }

  /** The tools the user may use, for {@code AiServices.tools(Map)}. */
  public Map<ToolSpecification, ToolExecutor> offered() {
    return offered;
  }

  /**
   * For {@code AiServices.hallucinatedToolNameStrategy}: a call to a tool that was not offered is
   * gated like any other (a registered tool the user may not use is refused and audited), and a
   * call to an unknown tool gets the same refusal, so the answer does not reveal which tools exist.
   */
  public Function<ToolExecutionRequest, ToolExecutionResultMessage> unofferedToolStrategy() {
    return request -> {
      ToolExecutor executor = all.get(request.name());
      String text;
      if (executor == null) {
        gate.refuseUnknown(request);
        text = gate.denial();
      } else {
        text = executor.execute(request, null);
      }
      return ToolExecutionResultMessage.from(request, text);
    };
  }

  /** Wires the offered tools and the refusal of others into an AI service builder. */
  public <T> AiServices<T> applyTo(AiServices<T> services) {
    return services.tools(offered).hallucinatedToolNameStrategy(unofferedToolStrategy());
  }
}
