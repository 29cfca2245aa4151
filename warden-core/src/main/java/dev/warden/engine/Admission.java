package dev.warden.engine;

import dev.warden.store.index.Codes;

/**
 * The subject shapes a grantable relation accepts under the active policy, by index numbers: plain
 * objects and wildcards by type, usersets as {@code (type, relation)} pairs. Grants outlive the
 * policy they were written under; one whose shape the active policy no longer accepts is ignored
 * (as OpenFGA does), so dropping {@code User} from {@code viewer: User} really takes users' access
 * away. Decided once per relation when the plan is compiled, then one array read per grant.
 */
final class Admission {

  private final boolean[] objects;
  private final boolean[] wildcards;

  /** The userset subject types accepted, as {@code (type, relation)} number pairs. */
  final int[][] usersets;

  /** {@code Type#relation}, for explanations. */
  private final String label;

  /** The accepted shapes as written in the policy, for explanations. */
  private final String accepted;

  Admission(
      boolean[] objects, boolean[] wildcards, int[][] usersets, String label, String accepted) {
    this.objects = objects;
    this.wildcards = wildcards;
    this.usersets = usersets;
    this.label = label;
    this.accepted = accepted;
  }

  /** Whether plain objects of the type may hold the relation. */
  boolean object(int type) {
    return type >= 0 && type < objects.length && objects[type];
  }

  /** Whether {@code type:*} may hold the relation. */
  boolean wildcard(int type) {
    return type >= 0 && type < wildcards.length && wildcards[type];
  }

  /** Whether {@code type#relation} usersets may hold the relation. */
  boolean userset(int type, int relation) {
    for (int[] u : usersets) {
      if (u[0] == type && u[1] == relation) {
        return true;
      }
    }
    return false;
  }

  /** Whether a grant to this subject code counts under the active policy. */
  boolean admits(long code) {
    int type = Codes.subjectType(code);
    int relation = Codes.subjectRelation(code);
    if (relation != 0) {
      return userset(type, relation);
    }
    return Codes.subjectObject(code) == Codes.WILDCARD ? wildcard(type) : object(type);
  }

  /** Why a stored grant to a subject of {@code shape} ({@code User}, {@code User:*}) is ignored. */
  String ignored(String shape) {
    return "stored grant ignored: the active policy's `"
        + label
        + "` does not accept `"
        + shape
        + "`; it accepts "
        + (accepted.isEmpty() ? "nothing" : accepted);
  }
}
