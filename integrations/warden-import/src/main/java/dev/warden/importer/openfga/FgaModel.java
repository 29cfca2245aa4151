package dev.warden.importer.openfga;

import dev.warden.lang.Span;
import java.util.List;

/** The parsed OpenFGA DSL, before any mapping: types with their relation definitions. */
final class FgaModel {
  private FgaModel() {}

  /** {@code type name} with its {@code define}s. */
  record TypeBlock(String name, Span span, List<Relation> relations) {}

  /** A parsed model: its types and its conditions, in file order. */
  record Model(List<TypeBlock> types, List<Condition> conditions) {}

  /**
   * {@code condition name(params) { body }}.
   *
   * @param span the condition's name
   * @param body the CEL text between the braces, trimmed
   * @param bodySpan where {@code body} starts in the file (CEL offsets are relative to it)
   * @param end the offset just past the closing brace
   */
  record Condition(
      String name, Span span, List<Param> params, String body, Span bodySpan, int end) {}

  /** {@code name: type} of a condition. */
  record Param(String name, String type, Span span, Span typeSpan) {}

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
