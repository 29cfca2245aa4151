package dev.warden.importer.openfga;

import dev.warden.lang.Span;
import java.util.List;

/** The parsed OpenFGA DSL, before any mapping: types with their relation definitions. */
final class FgaModel {
  private FgaModel() {}

  /** {@code type name} with its {@code define}s. */
  record TypeBlock(String name, Span span, List<Relation> relations) {}

  /** {@code define name: expr}. */
  record Relation(String name, Span span, Expr expr) {}

  /** One entry of {@code [user, group#member, user:*, user with cond]}. */
  record Restriction(
      String type, String relation, boolean wildcard, String condition, Span span, Span with) {}

  /** A relation definition's right-hand side. */
  sealed interface Expr {
    Span span();
  }

  /** {@code [ ... ]}: the directly assignable types. */
  record Direct(List<Restriction> types, Span span) implements Expr {}

  /** {@code viewer}: a computed userset. */
  record Ref(String relation, Span span) implements Expr {}

  /** {@code viewer from parent}: a tuple-to-userset. */
  record From(String computed, String tupleset, Span span) implements Expr {}

  /** {@code a or b or c}. */
  record Or(List<Expr> children, Span span) implements Expr {}

  /** {@code a and b and c}. */
  record And(List<Expr> children, Span span) implements Expr {}

  /** {@code a but not b}. */
  record ButNot(Expr base, Expr excluded, Span span) implements Expr {}
}
