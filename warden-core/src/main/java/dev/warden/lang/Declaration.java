package dev.warden.lang;

import dev.warden.model.TypeKind;
import java.util.List;

/** A top-level declaration: a type or a condition. */
sealed interface Declaration {

  Ident name();

  Span span();

  /**
   * {@code actor User { ... }} or {@code resource Repository { ... }}.
   *
   * @param kind actor or resource
   * @param name the type name
   * @param members the members that parsed, in order
   * @param span from the keyword to the closing brace
   * @param open the opening brace
   * @param close the closing brace, or null when it is missing
   * @param complete false when a member was skipped to recover: names it declared may be missing
   */
  record Type(
      TypeKind kind,
      Ident name,
      List<Member> members,
      Span span,
      Span open,
      Span close,
      boolean complete)
      implements Declaration {
    public Type {
      members = List.copyOf(members);
    }
  }

  /**
   * {@code condition before(deadline: timestamp) { context.now < deadline }}.
   *
   * @param name the condition name
   * @param params parameters in order
   * @param body the CEL body
   * @param span from the keyword to the closing brace
   */
  record Condition(Ident name, List<Param> params, Expr.Cel body, Span span)
      implements Declaration {
    public Condition {
      params = List.copyOf(params);
    }
  }

  /** A condition parameter: {@code deadline: timestamp}. */
  record Param(Ident name, TypeRef type, Span span) {}
}
