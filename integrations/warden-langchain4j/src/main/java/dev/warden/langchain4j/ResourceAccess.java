package dev.warden.langchain4j;

import dev.warden.api.EntityRef;
import java.util.Objects;

/**
 * One thing a tool call does to a resource, checked before the call runs.
 *
 * @param action the action, such as {@code read}
 * @param resource the resource named by the call's arguments
 */
public record ResourceAccess(String action, EntityRef resource) {
  public ResourceAccess {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(resource, "resource");
  }
}
