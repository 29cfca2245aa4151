package dev.warden.condition;

import dev.warden.model.AttributeType;

/**
 * A declared CEL variable and where its value comes from.
 *
 * @param root which binding supplies the value
 * @param name the attribute or parameter name, without the root prefix
 * @param type the declared type the value is coerced to
 */
record Variable(Root root, String name, AttributeType type) {

  /** The source of a variable's value. */
  enum Root {
    ACTOR("actor."),
    RESOURCE("resource."),
    PARAMETER("");

    private final String prefix;

    Root(String prefix) {
      this.prefix = prefix;
    }

    String prefix() {
      return prefix;
    }
  }

  /** The name as written in an expression and in explanations: {@code resource.is_public}. */
  String qualifiedName() {
    return root.prefix() + name;
  }

  /** {@code attribute resource.is_public} or {@code parameter deadline}, for reasons. */
  String describe() {
    return (root == Root.PARAMETER ? "parameter " : "attribute ") + qualifiedName();
  }
}
