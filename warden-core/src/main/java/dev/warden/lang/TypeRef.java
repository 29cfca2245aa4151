package dev.warden.lang;

/**
 * An attribute or parameter type as written: {@code bool}, {@code list<string>}. The checker
 * decides whether it names a type.
 *
 * @param name the type name
 * @param element the written element type ({@code list<string>}), or null
 * @param span the whole reference
 */
record TypeRef(Ident name, TypeRef element, Span span) {

  /** The type as written, canonically: {@code list<string>}. */
  @Override
  public String toString() {
    return element == null ? name.text() : name.text() + "<" + element + ">";
  }
}
