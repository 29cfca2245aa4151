package dev.warden.importer.spicedb;

import dev.warden.lang.Span;
import java.util.List;

/** The parsed SpiceDB schema, before any mapping. */
final class SdbModel {
  private SdbModel() {}

  /** The whole file: definitions and caveats in source order. */
  record Schema(List<Definition> definitions, List<Caveat> caveats) {}

  /** {@code definition name { ... }}. */
  record Definition(String name, Span span, List<Relation> relations, List<Permission> perms) {}

  /** {@code relation name: a | b#r | c:*}. */
  record Relation(String name, Span span, List<Allowed> allowed) {}

  /**
   * One allowed subject type.
   *
   * @param caveat the {@code with} caveat, or null
   * @param expiration true for {@code with expiration} (alone or {@code and expiration})
   * @param with the span of the {@code with} clause, or null
   */
  record Allowed(
      String type,
      String relation,
      boolean wildcard,
      String caveat,
      boolean expiration,
      Span span,
      Span with) {}

  /** {@code permission name = expr}. */
  record Permission(String name, Span span, Expr expr) {}

  /** {@code caveat name(p type, ...) { cel }}. */
  record Caveat(String name, Span span, List<Param> params, String cel) {}

  /** A caveat parameter; {@code type} as written ({@code list<int>}), {@code span} on it. */
  record Param(String name, String type, Span span) {}

  /** A permission's right-hand side. */
  sealed interface Expr {
    Span span();
  }

  /** {@code viewer}. */
  record Ref(String name, Span span) implements Expr {}

  /** {@code nil}. */
  record Nil(Span span) implements Expr {}

  /** {@code parent->view}, {@code parent.any(view)}, {@code parent.all(view)}. */
  record Arrow(String tupleset, String computed, boolean all, Span span) implements Expr {}

  /** {@code a->b->c} and other arrows after an arrow: parsed, never imported. */
  record Chain(Span span) implements Expr {}

  /** {@code a + b}, {@code a & b}, {@code a - b}. */
  record Binary(char op, Expr left, Expr right, Span span) implements Expr {}
}
