package dev.warden.lang;

/** The stable diagnostic codes of the policy language; docs/language.md lists the same table. */
public enum DiagnosticCode {
  P101("unexpected token"),
  P102("unterminated string"),
  P103(
      "invalid character (NUL and lone UTF-16 surrogates anywhere, comments and strings included: no store keeps them as written)"),
  P104("invalid name (empty, longer than 64 characters, or not `[A-Za-z_][A-Za-z0-9_]*`)"),
  P201("duplicate type"),
  P202("duplicate role, relation or permission in a type"),
  P203("duplicate attribute"),
  P204("duplicate condition"),
  P205("duplicate condition parameter"),
  P206(
      "reserved name (`id` and `type` as attributes, `context` as a condition parameter, `this` as a role, relation or permission)"),
  P207("an actor attribute declared with different types on different actor types"),
  P301("unknown type"),
  P302("unknown role, relation or permission"),
  P303("unknown attribute type"),
  P304("unknown relation after `on`"),
  P305("unknown relation in a userset subject (`Group#membr`)"),
  P306("unknown condition in a subject type (`User with befor`)"),
  P401("no type related through `on \"rel\"` declares the role or permission"),
  P402("the relation after `on` is a role or permission, or allows wildcards"),
  P403("`not` without a positive part"),
  P404("`this` in a rule of a permission, which has no grants of its own"),
  P501("a relation depends on itself on the same object (a rewrite cycle that cannot terminate)"),
  P502("a cycle through `not` (the meaning would be undefined)"),
  P601("CEL syntax error"),
  P602("CEL type error (including a rule that does not produce a `bool`)"),
  P603("unknown attribute in a CEL expression"),
  P604("unknown name in a CEL expression");

  private final String summary;

  DiagnosticCode(String summary) {
    this.summary = summary;
  }

  /** What the code means, as in the reference table. */
  public String summary() {
    return summary;
  }

  /** True for codes the parser reports; a file with any of them cannot be formatted. */
  public boolean isSyntax() {
    return name().startsWith("P1");
  }
}
