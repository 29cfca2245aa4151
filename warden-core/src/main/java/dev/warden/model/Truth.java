package dev.warden.model;

/**
 * A three-valued (Kleene) truth value. {@link #UNKNOWN} arises from a missing attribute, a missing
 * condition parameter or an evaluation error; it never grants access, and negating it stays
 * unknown, so a missing fact can never flip a decision to allow.
 */
public enum Truth {
  FALSE(0),
  UNKNOWN(1),
  TRUE(2);

  /** Position in the truth order false < unknown < true. */
  private final int rank;

  Truth(int rank) {
    this.rank = rank;
  }

  /** Kleene conjunction: false wins, then unknown. */
  public Truth and(Truth other) {
    return rank <= other.rank ? this : other;
  }

  /** Kleene disjunction: true wins, then unknown. */
  public Truth or(Truth other) {
    return rank >= other.rank ? this : other;
  }

  /** Kleene negation: unknown stays unknown. */
  public Truth not() {
    return switch (this) {
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      case UNKNOWN -> UNKNOWN;
    };
  }

  /** The truth of a boolean. */
  public static Truth of(boolean b) {
    return b ? TRUE : FALSE;
  }

  /** Lowercase name, as shown in explanations and JSON. */
  public String word() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
