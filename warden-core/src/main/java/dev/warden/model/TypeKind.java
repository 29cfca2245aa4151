package dev.warden.model;

/** Whether a type declares actors (who may act) or resources (what is acted on). */
public enum TypeKind {
  /** May be the actor of a check and may be granted roles directly. */
  ACTOR,
  /** Only acted upon; may still be the target of a relation (a tenant, a parent folder). */
  RESOURCE;

  /** The keyword that declares this kind in the policy language. */
  public String keyword() {
    return this == ACTOR ? "actor" : "resource";
  }
}
