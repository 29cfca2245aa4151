package dev.warden.api;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The part of a lookup answer that depends only on resource attributes, left for the caller to
 * apply: a resource is allowed if its id is listed, or if this CEL predicate holds on its
 * attributes. Used to push authorization into a search or vector-store query.
 *
 * @param cel a CEL expression over {@code resource.<attribute>}
 * @param attributeTypes the declared type of every attribute the expression reads (policy keywords
 *     such as {@code bool}), so a client can compile it
 */
public record Residual(String cel, Map<String, String> attributeTypes) {
  public Residual {
    Objects.requireNonNull(cel, "cel");
    attributeTypes = Collections.unmodifiableMap(new LinkedHashMap<>(attributeTypes));
  }
}
