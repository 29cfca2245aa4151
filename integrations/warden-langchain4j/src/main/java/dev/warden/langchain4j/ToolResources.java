package dev.warden.langchain4j;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import java.util.List;

/**
 * Says which resources a tool call acts on, from its arguments. Derived from {@link
 * AuthorizedResource} annotations for annotated tool objects; written by hand for tools given as a
 * specification and an executor.
 *
 * <p>May throw {@link dev.warden.api.WardenException} when the arguments do not name a valid
 * resource; the call is then refused.
 */
@FunctionalInterface
public interface ToolResources {

  /** The resource accesses the call performs; empty when it acts on none. */
  List<ResourceAccess> of(ToolExecutionRequest request);

  /** A tool that acts on no resource. */
  ToolResources NONE = request -> List.of();
}
