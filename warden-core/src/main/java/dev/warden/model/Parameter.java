package dev.warden.model;

import java.util.Objects;

/** A typed parameter of a condition. */
public record Parameter(String name, AttributeType type) {
  public Parameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
  }
}
