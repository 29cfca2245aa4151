package dev.warden.langchain4j;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code @Tool} method parameter whose value names a resource the tool acts on, such as a
 * file path. Before the tool runs, the caller must be allowed {@link #action()} on {@code
 * type:<argument value>}; otherwise the call is refused like an unauthorized tool.
 *
 * <pre>{@code
 * @Tool("Reads a document")
 * String readFile(@AuthorizedResource(type = "Document", action = "read") String path) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.PARAMETER)
public @interface AuthorizedResource {

  /** The resource type in the policy, such as {@code Document}. */
  String type();

  /** The action the tool performs on it, such as {@code read} or {@code write}. */
  String action();
}
