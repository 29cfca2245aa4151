package dev.warden.model.validate;

import dev.warden.model.Rule;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a front end that recovered from errors knows beyond the model, so that one mistake does not
 * produce a cascade of problems, and the order it wants problems found in.
 *
 * @param partialTypes types the front end could read only in part: a name missing from one of them
 *     may just have been skipped, so it is not reported
 * @param strayRules rules whose head is not a relation of their type: they are checked like any
 *     other rule, but no relation includes them, so they add nothing to the dependency graph
 * @param order the order of places when choosing which edge of a cycle to report and which way
 *     round a cycle to describe (source order, for a front end that has one), or null for model
 *     order
 */
public record Recovery(
    Set<String> partialTypes, List<StrayRule> strayRules, Comparator<Location> order) {

  /** Nothing recovered, model order. */
  public static final Recovery NONE = new Recovery(Set.of(), List.of(), null);

  public Recovery {
    partialTypes = Set.copyOf(partialTypes);
    strayRules = List.copyOf(strayRules);
  }

  /** A rule whose head {@code type#head} is not declared. */
  public record StrayRule(String type, String head, Rule rule) {
    public StrayRule {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(head, "head");
      Objects.requireNonNull(rule, "rule");
    }
  }
}
