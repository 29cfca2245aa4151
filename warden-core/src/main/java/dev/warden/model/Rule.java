package dev.warden.model;

import java.util.Objects;

/**
 * One rule of a relation ({@code "read" if "contributor"}): the rewrite it contributes, and how to
 * show it to a person.
 *
 * @param body the rewrite this rule adds to the relation's union
 * @param text the rule as written, canonically formatted, for explanations
 * @param origin where it was declared ({@code policy.warden:14:3}), or empty when unknown
 */
public record Rule(Rewrite body, String text, String origin) {
  public Rule {
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(origin, "origin");
  }
}
