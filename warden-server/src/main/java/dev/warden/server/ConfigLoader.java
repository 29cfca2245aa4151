package dev.warden.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

/**
 * Builds a {@link ServerConfig} from layers, later ones winning: defaults, a config file (YAML, or
 * {@code .properties}), {@code WARDEN_*} environment variables, explicit overrides (command-line
 * options). Every layer uses the same keys ({@link #KEYS}); the environment spells them upper case
 * with the prefix: {@code port} is {@code WARDEN_PORT}.
 */
public final class ConfigLoader {

  /** Every configuration key, with what it means; {@code warden serve --help} lists the same. */
  public static final Map<String, String> KEYS = keys();

  private ConfigLoader() {}

  private static Map<String, String> keys() {
    Map<String, String> k = new LinkedHashMap<>();
    k.put("bind", "address to listen on (default 127.0.0.1)");
    k.put("port", "port to listen on (default 7766)");
    k.put("body_limit", "largest request body in bytes (default 1048576)");
    k.put("store", "memory | sqlite | postgres (default sqlite)");
    k.put("db", "SQLite file (default warden.db) or PostgreSQL JDBC URL");
    k.put("policy", "policy file enforced at start");
    k.put("seed_data", "grants and attributes loaded when the store is empty");
    k.put("keys_file", "API key hashes (default .warden/keys.yaml)");
    k.put("insecure_dev", "true disables authentication (local play only)");
    k.put("consistency_timeout_ms", "how long at_least consistency waits (default 2000)");
    k.put("event_loops", "HTTP event-loop threads (default: available processors)");
    k.put("watch_poll_ms", "how often watch streams poll for changes (default 100)");
    k.put("shutdown_grace_ms", "how long shutdown lets requests finish (default 10000)");
    k.put("audit", "on | off: record every decision in a tamper-evident log (default on)");
    k.put(
        "audit_durable",
        "true: answer a decision only after its audit record is committed (default false)");
    k.put("max_connections", "open HTTP connections accepted at once (default 4096)");
    k.put("max_consistency_waits", "at_least requests waiting at once (default 64)");
    return java.util.Collections.unmodifiableMap(k);
  }

  /**
   * The configuration from a file (null: none), an environment and overrides.
   *
   * @throws IllegalArgumentException naming the key and layer of an unknown key or bad value
   */
  public static ServerConfig load(Path file, Map<String, String> env, Map<String, String> overrides)
      throws IOException {
    Map<String, String> merged = new LinkedHashMap<>();
    if (file != null) {
      merged.putAll(readFile(file));
    }
    for (Map.Entry<String, String> e : env.entrySet()) {
      if (e.getKey().startsWith("WARDEN_") && !e.getKey().equals("WARDEN_HOME")) {
        String key = e.getKey().substring("WARDEN_".length()).toLowerCase(Locale.ROOT);
        if (KEYS.containsKey(key)) {
          merged.put(key, e.getValue());
        }
      }
    }
    merged.putAll(overrides);
    return apply(ServerConfig.defaults(), merged);
  }

  static Map<String, String> readFile(Path file) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (file.getFileName().toString().endsWith(".properties")) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
    } else {
      JsonNode root = new ObjectMapper(new YAMLFactory()).readTree(file.toFile());
      if (root == null || !root.isObject()) {
        throw new IllegalArgumentException("config file `" + file + "` must be a YAML mapping");
      }
      for (Map.Entry<String, JsonNode> e : root.properties()) {
        out.put(e.getKey(), e.getValue().asText());
      }
    }
    for (String key : out.keySet()) {
      if (!KEYS.containsKey(key)) {
        throw new IllegalArgumentException(
            "unknown configuration key `"
                + key
                + "` in `"
                + file
                + "`; known keys: "
                + KEYS.keySet());
      }
    }
    return out;
  }

  private static ServerConfig apply(ServerConfig d, Map<String, String> m) {
    return new ServerConfig(
        m.getOrDefault("bind", d.bind()),
        intValue(m, "port", d.port()),
        longValue(m, "body_limit", d.bodyLimitBytes()),
        m.getOrDefault("store", d.store()),
        m.getOrDefault("db", d.db()),
        path(m, "policy", d.policy()),
        path(m, "seed_data", d.seedData()),
        path(m, "keys_file", d.keysFile()),
        bool(m, "insecure_dev", d.insecureDev()),
        Duration.ofMillis(
            longValue(m, "consistency_timeout_ms", d.consistencyTimeout().toMillis())),
        intValue(m, "event_loops", d.eventLoops()),
        Duration.ofMillis(longValue(m, "watch_poll_ms", d.watchPoll().toMillis())),
        Duration.ofMillis(longValue(m, "shutdown_grace_ms", d.shutdownGrace().toMillis())),
        onOff(m, "audit", d.audit()),
        onOff(m, "audit_durable", d.auditDurable()),
        new HttpLimits(
            intValue(m, "max_connections", d.limits().maxConnections()),
            intValue(m, "max_consistency_waits", d.limits().maxConsistencyWaits())));
  }

  private static Path path(Map<String, String> m, String key, Path fallback) {
    String v = m.get(key);
    return v == null || v.isBlank() ? fallback : Path.of(v);
  }

  private static int intValue(Map<String, String> m, String key, int fallback) {
    long v = longValue(m, key, fallback);
    if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
      throw new IllegalArgumentException("`" + key + "` is out of range: `" + m.get(key) + "`");
    }
    return (int) v;
  }

  private static long longValue(Map<String, String> m, String key, long fallback) {
    String v = m.get(key);
    if (v == null) {
      return fallback;
    }
    try {
      return Long.parseLong(v.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "`" + key + "` must be a whole number, not `" + v + "`", e);
    }
  }

  private static boolean onOff(Map<String, String> m, String key, boolean fallback) {
    String v = m.get(key);
    if (v == null) {
      return fallback;
    }
    return switch (v.trim().toLowerCase(Locale.ROOT)) {
      case "on", "true" -> true;
      case "off", "false" -> false;
      default ->
          throw new IllegalArgumentException("`" + key + "` must be on or off, not `" + v + "`");
    };
  }

  private static boolean bool(Map<String, String> m, String key, boolean fallback) {
    String v = m.get(key);
    if (v == null) {
      return fallback;
    }
    if (!List.of("true", "false").contains(v.trim().toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("`" + key + "` must be true or false, not `" + v + "`");
    }
    return Boolean.parseBoolean(v.trim());
  }
}
