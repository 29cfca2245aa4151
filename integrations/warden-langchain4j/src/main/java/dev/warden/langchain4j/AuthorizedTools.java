package dev.warden.langchain4j;

import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.agent.tool.ToolSpecifications;
import dev.langchain4j.service.tool.DefaultToolExecutor;
import dev.langchain4j.service.tool.ToolExecutor;
import dev.warden.api.Authorizer;
import dev.warden.api.CheckRequest;
import dev.warden.api.Decision;
import dev.warden.api.DecisionLog;
import dev.warden.api.EntityRef;
import dev.warden.api.Names;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * An agent's tools, authorized per user.
 *
 * <pre>
 *   register once                      per user (per request)
 *   ─────────────                      ─────────────────────────────────────────────
 *   builder(authorizer)                forUser(User:bob)
 *     .tools(new SearchTools())   ──►    checkBulk "use" on Tool:&lt;name&gt; for every tool
 *     .decisionLog(log)                  offered() = allowed tools, each executor gated:
 *     .build()                             at call time: use on Tool:&lt;name&gt;, then each
 *                                          &#64;AuthorizedResource argument; audited;
 *                                          denied → "User bob is not authorized to use this tool."
 * </pre>
 *
 * <p>Wire the result into an AI service with {@link UserTools#applyTo}: it passes the offered tools
 * to {@code AiServices.tools(Map)} and answers calls to tools that were not offered (a model may
 * still name one) with the same refusal.
 */
public final class AuthorizedTools {

  /** The action checked on {@code Tool:<name>}. */
  public static final String USE = "use";

  private final Authorizer authorizer;
  private final ToolAudit audit;
  private final String toolType;
  private final List<Registered> tools;

  private AuthorizedTools(Builder b) {
    authorizer = b.authorizer;
    audit = new ToolAudit(b.log);
    toolType = b.toolType;
    tools = List.copyOf(b.tools);
  }

  /** A builder over an authorizer (the embedded engine or the HTTP client). */
  public static Builder builder(Authorizer authorizer) {
    return new Builder(authorizer);
  }

  /** The exact refusal a denied tool call answers. */
  public static String denialMessage(EntityRef user) {
    return user.type() + " " + user.id() + " is not authorized to use this tool.";
  }

  /** The tools {@code user} may use, gated; see {@link #forUser(EntityRef, Map)}. */
  public UserTools forUser(EntityRef user) {
    return forUser(user, Map.of());
  }

  /**
   * The tools {@code user} may use now, each gated again at call time.
   *
   * @param userAttributes just-in-time attributes (token claims, say) for every check
   */
  public UserTools forUser(EntityRef user, Map<String, Object> userAttributes) {
    ToolGate gate = new ToolGate(authorizer, audit, toolType, user, Map.copyOf(userAttributes));
    List<CheckRequest> checks = new ArrayList<>(tools.size());
    for (Registered t : tools) {
      checks.add(
          CheckRequest.builder(user, USE, EntityRef.of(toolType, t.spec().name()))
              .actorAttributes(userAttributes)
              .build());
    }
    List<Decision> decisions = checks.isEmpty() ? List.of() : authorizer.checkBulk(checks);
    Map<ToolSpecification, ToolExecutor> offered = new LinkedHashMap<>();
    Map<String, ToolExecutor> all = new LinkedHashMap<>();
    for (int i = 0; i < tools.size(); i++) {
      Registered t = tools.get(i);
      ToolExecutor gated = new GatedToolExecutor(t.executor(), t.resources(), gate);
      all.put(t.spec().name(), gated);
      if (decisions.get(i).allowed()) {
        offered.put(t.spec(), gated);
      }
    }
    return new UserTools(user, offered, all, gate);
  }

  private record Registered(
      ToolSpecification spec, ToolExecutor executor, ToolResources resources) {}

  /** Configures {@link AuthorizedTools}. */
  public static final class Builder {
    private final Authorizer authorizer;
    private final List<Registered> tools = new ArrayList<>();
    private DecisionLog log = DecisionLog.NONE;
    private String toolType = "Tool";

    private Builder(Authorizer authorizer) {
      this.authorizer = Objects.requireNonNull(authorizer, "authorizer");
    }

    /**
     * Registers every {@code @Tool} method of each object; parameters marked {@link
     * AuthorizedResource} are checked on each call.
     */
    public Builder tools(Object... objects) {
      for (Object o : objects) {
        for (Method m : o.getClass().getDeclaredMethods()) {
          if (m.isAnnotationPresent(Tool.class)) {
            tool(
                ToolSpecifications.toolSpecificationFrom(m),
                new DefaultToolExecutor(o, m),
                AnnotatedResources.of(m));
          }
        }
      }
      return this;
    }

    /** Registers a tool that acts on no resource beyond itself. */
    public Builder tool(ToolSpecification spec, ToolExecutor executor) {
      return tool(spec, executor, ToolResources.NONE);
    }

    /** Registers a tool whose calls act on the resources {@code resources} names. */
    public Builder tool(ToolSpecification spec, ToolExecutor executor, ToolResources resources) {
      Names.requireId(spec.name(), "tool name");
      for (Registered r : tools) {
        if (r.spec().name().equals(spec.name())) {
          throw new IllegalArgumentException("tool `" + spec.name() + "` is registered twice");
        }
      }
      tools.add(new Registered(spec, executor, resources));
      return this;
    }

    /** Where execution-time decisions are recorded (source {@code agent-tool}). */
    public Builder decisionLog(DecisionLog decisionLog) {
      log = Objects.requireNonNull(decisionLog, "decisionLog");
      return this;
    }

    /** The resource type tools are in the policy; {@code Tool} by default. */
    public Builder toolType(String type) {
      toolType = Names.requireName(type, "tool type");
      return this;
    }

    /** The registry. */
    public AuthorizedTools build() {
      return new AuthorizedTools(this);
    }
  }
}
