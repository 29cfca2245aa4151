package dev.warden.store.index;

/** Packing of interned names into node keys, subject codes and entity keys. */
public final class Codes {

  /** Largest type id. */
  public static final int MAX_TYPE = (1 << 12) - 1;

  /** Largest relation id; 0 means "no relation" in a subject code. */
  public static final int MAX_RELATION = (1 << 11) - 1;

  /** The object id that stands for every object of a type. */
  public static final long WILDCARD = (1L << 40) - 1;

  private static final long OBJECT_MASK = (1L << 40) - 1;

  private Codes() {}

  /** The key of {@code type:object#relation}. */
  public static long node(int type, long object, int relation) {
    return ((long) type << 51) | ((long) relation << 40) | object;
  }

  /** The code of subject {@code type:object[#relation]}; relation 0 for a plain subject. */
  public static long subject(int type, long object, int relation) {
    return ((long) relation << 52) | ((long) type << 40) | object;
  }

  /** The key of entity {@code type:object}. */
  public static long entity(int type, long object) {
    return ((long) type << 40) | object;
  }

  public static int nodeType(long node) {
    return (int) (node >>> 51);
  }

  public static int nodeRelation(long node) {
    return (int) ((node >>> 40) & MAX_RELATION);
  }

  public static long nodeObject(long node) {
    return node & OBJECT_MASK;
  }

  public static int subjectRelation(long code) {
    return (int) (code >>> 52);
  }

  public static int subjectType(long code) {
    return (int) ((code >>> 40) & MAX_TYPE);
  }

  public static long subjectObject(long code) {
    return code & OBJECT_MASK;
  }

  /** The first code of any userset subject: plain subjects sort below it. */
  public static long firstUserset() {
    return 1L << 52;
  }

  public static int entityType(long key) {
    return (int) (key >>> 40);
  }

  public static long entityObject(long key) {
    return key & OBJECT_MASK;
  }
}
