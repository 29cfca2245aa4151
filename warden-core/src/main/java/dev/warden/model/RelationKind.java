package dev.warden.model;

/** The three kinds of named relation a type declares. */
public enum RelationKind {
  /** Grantable to actors, actor usersets and actor wildcards, and derivable by rules. */
  ROLE,
  /** Grantable to the subject types the declaration lists, and derivable by rules. */
  RELATION,
  /** Computed by rules only; never granted directly. */
  PERMISSION;

  /** True when grants (tuples) may name this relation. */
  public boolean grantable() {
    return this != PERMISSION;
  }

  /** The lowercase word used in messages. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
