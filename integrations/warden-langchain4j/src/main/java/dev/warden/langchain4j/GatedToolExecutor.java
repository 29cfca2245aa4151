package dev.warden.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.invocation.InvocationContext;
import dev.langchain4j.service.tool.ToolExecutionResult;
import dev.langchain4j.service.tool.ToolExecutor;

/**
 * Wraps a tool's executor so the call is authorized when it runs, not only when the tool was
 * offered: permissions may change mid-conversation, and a model may name a resource the user may
 * not touch. A refused call answers {@link ToolGate#denial()} and the wrapped executor is never
 * invoked.
 */
final class GatedToolExecutor implements ToolExecutor {

  private final ToolExecutor delegate;
  private final ToolResources resources;
  private final ToolGate gate;

  GatedToolExecutor(ToolExecutor delegate, ToolResources resources, ToolGate gate) {
    this.delegate = delegate;
    this.resources = resources;
    this.gate = gate;
  }

  @Override
  public String execute(ToolExecutionRequest request, Object memoryId) {
    return gate.allows(request, resources) ? delegate.execute(request, memoryId) : gate.denial();
  }

  // AiServices calls this one; both paths must be gated.
  @Override
  public ToolExecutionResult executeWithContext(
      ToolExecutionRequest request, InvocationContext context) {
    if (!gate.allows(request, resources)) {
      return ToolExecutionResult.builder().resultText(gate.denial()).build();
    }
    return delegate.executeWithContext(request, context);
  }
}
