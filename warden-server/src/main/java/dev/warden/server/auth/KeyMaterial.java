package dev.warden.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * Key text and hashes. A key is {@code wk_<id>_<secret>}: 12 hex digits of id, then 32 random bytes
 * in unpadded base64url. The secret has 256 bits of entropy, so a plain SHA-256 suffices to store
 * it (no slow hash needed: guessing is hopeless, and dictionary attacks do not apply).
 */
public final class KeyMaterial {

  private static final SecureRandom RANDOM = new SecureRandom();

  private KeyMaterial() {}

  /** A freshly generated key: its text (shown once) and what to store. */
  public record Created(String text, ApiKey stored) {}

  /** Generates a key with the scopes and tenant. */
  public static Created create(Set<Scope> scopes, String tenant) {
    byte[] id = new byte[6];
    byte[] secret = new byte[32];
    RANDOM.nextBytes(id);
    RANDOM.nextBytes(secret);
    String text =
        "wk_"
            + HexFormat.of().formatHex(id)
            + "_"
            + Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
    return new Created(
        text, new ApiKey(HexFormat.of().formatHex(id), sha256Hex(text), scopes, tenant));
  }

  /** The id part of a key's text, or null when the text is not shaped like a key. */
  public static String idOf(String text) {
    if (text == null || !text.startsWith("wk_")) {
      return null;
    }
    int end = text.indexOf('_', 3);
    return end <= 3 ? null : text.substring(3, end);
  }

  /** SHA-256 of the text, as raw bytes. */
  public static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** SHA-256 of the text, as lowercase hex. */
  public static String sha256Hex(String text) {
    return HexFormat.of().formatHex(sha256(text));
  }
}
