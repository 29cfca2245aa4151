package dev.warden.server.auth;

import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The keys the server accepts, by id. Verification hashes the presented key and compares hashes in
 * constant time ({@link MessageDigest#isEqual}), so timing reveals nothing about the secret.
 */
public final class ApiKeys {

  private final Map<String, ApiKey> byId;
  private final Map<String, byte[]> hashes;

  public ApiKeys(List<ApiKey> keys) {
    Map<String, ApiKey> ids = new LinkedHashMap<>();
    Map<String, byte[]> hs = new LinkedHashMap<>();
    for (ApiKey k : keys) {
      if (ids.put(k.id(), k) != null) {
        throw new IllegalArgumentException("key id `" + k.id() + "` appears twice");
      }
      hs.put(k.id(), HexFormat.of().parseHex(k.sha256()));
    }
    this.byId = Map.copyOf(ids);
    this.hashes = Map.copyOf(hs);
  }

  /** True when no key is configured. */
  public boolean isEmpty() {
    return byId.isEmpty();
  }

  /** The stored keys. */
  public List<ApiKey> keys() {
    return new ArrayList<>(byId.values());
  }

  /**
   * The caller a presented key identifies, or null when the key is unknown or wrong. Unknown ids
   * are hashed too, so a wrong id and a wrong secret take the same time.
   */
  public Principal verify(String presented) {
    String id = KeyMaterial.idOf(presented);
    byte[] actual = KeyMaterial.sha256(presented == null ? "" : presented);
    byte[] expected = id == null ? null : hashes.get(id);
    if (expected == null) {
      MessageDigest.isEqual(actual, new byte[actual.length]);
      return null;
    }
    return MessageDigest.isEqual(actual, expected) ? byId.get(id).principal() : null;
  }
}
