package dev.warden.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and writes the key file: YAML with hashes only, never secrets.
 *
 * <pre>
 * keys:
 *   - id: 3f9a0c11d2e4
 *     sha256: 5e88...   # of the full key text
 *     scopes: [check, write]
 *     tenant: acme      # optional
 * </pre>
 */
public final class KeyFile {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  private KeyFile() {}

  /** The keys in the file; none when it does not exist. */
  public static List<ApiKey> read(Path file) throws IOException {
    if (file == null || !Files.exists(file)) {
      return List.of();
    }
    JsonNode root = YAML.readTree(file.toFile());
    List<ApiKey> out = new ArrayList<>();
    if (root == null || root.isMissingNode() || root.isNull()) {
      return out;
    }
    JsonNode keys = root.path("keys");
    if (!keys.isArray()) {
      throw new IllegalArgumentException("key file `" + file + "` needs a `keys:` list");
    }
    for (JsonNode k : keys) {
      Set<Scope> scopes = EnumSet.noneOf(Scope.class);
      for (JsonNode s : k.path("scopes")) {
        scopes.add(Scope.parse(s.asText()));
      }
      String tenant = k.hasNonNull("tenant") ? k.get("tenant").asText() : null;
      out.add(new ApiKey(k.path("id").asText(), k.path("sha256").asText(), scopes, tenant));
    }
    return out;
  }

  /** Adds a key to the file, creating it (readable by its owner only) when missing. */
  public static void append(Path file, ApiKey key) throws IOException {
    List<ApiKey> keys = new ArrayList<>(read(file));
    keys.add(key);
    new ApiKeys(keys); // rejects a duplicate id before anything is written
    ObjectNode root = YAML.createObjectNode();
    ArrayNode list = root.putArray("keys");
    for (ApiKey k : keys) {
      ObjectNode n = list.addObject();
      n.put("id", k.id());
      n.put("sha256", k.sha256());
      ArrayNode scopes = n.putArray("scopes");
      k.scopes().stream().sorted().forEach(s -> scopes.add(s.wireName()));
      if (k.tenant() != null) {
        n.put("tenant", k.tenant());
      }
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, YAML.writeValueAsString(root));
    try {
      Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the hashes are not secrets, so this is hardening only
    }
    Files.move(
        tmp,
        file,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING,
        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
