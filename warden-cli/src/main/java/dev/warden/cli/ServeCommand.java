package dev.warden.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.warden.Warden;
import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.lang.SourceFile;
import dev.warden.server.Backend;
import dev.warden.server.ConfigLoader;
import dev.warden.server.ServerConfig;
import dev.warden.server.WardenServer;
import dev.warden.server.auth.ApiKeys;
import dev.warden.server.auth.KeyFile;
import dev.warden.server.auth.KeyMaterial;
import dev.warden.server.auth.Scope;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code warden serve}: the HTTP PDP. With no options it serves the quickstart example on
 * 127.0.0.1:7766, and on first start creates an admin API key, printed once.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Starts the HTTP policy decision point (default http://127.0.0.1:7766).",
      "Settings come from, later winning: defaults, --config FILE, WARDEN_* environment variables"
          + " (WARDEN_PORT, WARDEN_BIND, WARDEN_DB, ...: the option name upper-cased, dashes as"
          + " underscores), then these options.",
      "With no --policy it serves examples/quickstart (policy and grants, loaded when the store is"
          + " empty). With no API key configured it creates an admin key on first start and prints"
          + " it once; only its hash is stored."
    })
final class ServeCommand implements Callable<Integer> {

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--config",
      description = "Config file (YAML, or .properties) with the keys below.")
  Path config;

  @Option(
      names = "--bind",
      description = "Address to listen on (default 127.0.0.1). Env WARDEN_BIND.")
  String bind;

  @Option(names = "--port", description = "Port (default 7766; 0 picks one). Env WARDEN_PORT.")
  Integer port;

  @Option(
      names = "--body-limit",
      description = "Largest request body in bytes (default 1048576). Env WARDEN_BODY_LIMIT.")
  Long bodyLimit;

  @Option(
      names = "--store",
      description = "sqlite | postgres | memory (default sqlite). Env WARDEN_STORE.")
  String store;

  @Option(
      names = "--db",
      description =
          "SQLite file (default warden.db in the working directory) or PostgreSQL JDBC URL."
              + " Env WARDEN_DB.")
  String db;

  @Option(
      names = "--audit",
      negatable = true,
      description =
          "Record every decision in a tamper-evident audit log in the store's database"
              + " (default on; --no-audit turns it off). Env WARDEN_AUDIT=on|off.")
  Boolean audit;

  @Option(
      names = "--audit-durable",
      description =
          "Send each answer only after its decision's audit record is committed, so that no"
              + " answered decision is lost in a crash (default: after it is queued). Env"
              + " WARDEN_AUDIT_DURABLE=true|false.")
  Boolean auditDurable;

  @Option(
      names = "--policy",
      description = "Policy file (default examples/quickstart/policy.warden). Env WARDEN_POLICY.")
  Path policy;

  @Option(
      names = "--data",
      description =
          "Grants and attributes loaded when the store is empty (default with the quickstart"
              + " policy: its grants.yaml). Env WARDEN_SEED_DATA.")
  Path data;

  @Option(
      names = "--keys-file",
      description = "API key hashes (default .warden/keys.yaml). Env WARDEN_KEYS_FILE.")
  Path keysFile;

  @Option(
      names = "--insecure-dev",
      description = "Disable authentication (local play only!). Env WARDEN_INSECURE_DEV.")
  Boolean insecureDev;

  @Option(
      names = "--consistency-timeout-ms",
      description =
          "How long at_least consistency waits (default 2000). Env WARDEN_CONSISTENCY_TIMEOUT_MS.")
  Long consistencyTimeoutMs;

  @Option(
      names = "--event-loops",
      description = "HTTP event-loop threads (default: processors). Env WARDEN_EVENT_LOOPS.")
  Integer eventLoops;

  @Option(
      names = "--watch-poll-ms",
      description =
          "How often watch streams poll for changes (default 100). Env WARDEN_WATCH_POLL_MS.")
  Long watchPollMs;

  @Option(
      names = "--shutdown-grace-ms",
      description =
          "How long shutdown lets requests finish (default 10000). Env WARDEN_SHUTDOWN_GRACE_MS.")
  Long shutdownGraceMs;

  @Option(
      names = "--max-connections",
      description =
          "Open HTTP connections accepted at once; more are closed at once (default 4096). Env"
              + " WARDEN_MAX_CONNECTIONS.")
  Integer maxConnections;

  @Option(
      names = "--max-consistency-waits",
      description =
          "Requests waiting for an at_least revision at once; more answer 503 (default 64). Env"
              + " WARDEN_MAX_CONSISTENCY_WAITS.")
  Integer maxConsistencyWaits;

  @Override
  public Integer call() throws IOException, InterruptedException {
    WardenServer server = start(System.getenv());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "warden-shutdown"));
    stopped.await();
    return 0;
  }

  /** Starts the server as configured by the options and environment; prints how to use it. */
  WardenServer start(Map<String, String> env) throws IOException {
    ServerConfig cfg = loadConfig(env);
    Path home = Path.of(env.getOrDefault("WARDEN_HOME", "."));
    Path policyFile = cfg.policy();
    Path seed = cfg.seedData();
    if (policyFile == null) {
      policyFile = home.resolve("examples/quickstart/policy.warden");
      if (seed == null) {
        seed = home.resolve("examples/quickstart/grants.yaml");
      }
    }
    String source = readPolicy(policyFile);
    Path seedFile = seed;
    Backend backend =
        Backend.open(
            cfg,
            new SourceFile(policyFile.toString(), source),
            w -> {
              if (seedFile != null) {
                w.write(CheckCommand.load(seedFile));
              }
            });
    Warden warden = backend.warden();
    PrintWriter out = spec.commandLine().getOut();
    String printedKey = null;
    KeyMaterial.Created newKey = null;
    ApiKeys keys = null;
    if (cfg.insecureDev()) {
      out.println("WARNING: --insecure-dev: authentication is OFF. Anyone who can reach");
      out.println(
          "WARNING: "
              + cfg.bind()
              + ":"
              + cfg.port()
              + " may read and change every grant and the policy.");
    } else {
      List<dev.warden.server.auth.ApiKey> stored = KeyFile.read(cfg.keysFile());
      if (stored.isEmpty()) {
        // Saved only once the server listens: a key saved by a start that then failed (a busy
        // port) would never be shown, and the next start would not create another.
        newKey = KeyMaterial.create(Set.of(Scope.ADMIN), null);
        stored = List.of(newKey.stored());
        printedKey = newKey.text();
      }
      keys = new ApiKeys(stored);
    }
    WardenServer server;
    try {
      server = WardenServer.start(cfg, backend, keys);
    } catch (RuntimeException e) {
      backend.audit().ifPresent(dev.warden.server.ServerAudit::close);
      warden.close();
      throw listenFailure(cfg, e);
    }
    if (newKey != null) {
      try {
        KeyFile.append(cfg.keysFile(), newKey.stored());
      } catch (IOException | RuntimeException e) {
        server.close();
        throw e;
      }
    }
    if (cfg.policy() != null && backend.policyFromStore()) {
      warnIfFileIsNotActive(out, cfg, policyFile, source, backend);
    }
    String url = "http://" + cfg.bind() + ":" + server.port();
    out.println(
        "Warden PDP listening on "
            + url
            + " (policy "
            + (backend.policyFromStore()
                ? "version "
                    + backend.versions().current().map(v -> v.version()).orElse(0)
                    + " from the store"
                : policyFile.toString())
            + ", store "
            + cfg.store()
            + ("memory".equals(cfg.store()) ? "" : " " + cfg.dbOrDefault())
            + ", revision "
            + warden.revision()
            + ", audit "
            + backend.audit().map(a -> a.durable() ? "on, durable" : "on").orElse("off")
            + ")");
    if (printedKey != null) {
      out.println();
      out.println(
          "Created an admin API key; it is shown only this once (its hash is in "
              + cfg.keysFile()
              + "):");
      out.println();
      out.println("  export WARDEN_KEY=" + printedKey);
      out.println();
    }
    String auth = cfg.insecureDev() ? "" : "-H \"Authorization: Bearer $WARDEN_KEY\" ";
    out.println("Try:");
    out.println(
        "  curl -s "
            + auth
            + url
            + "/v1/check -d '{\"actor\":{\"type\":\"User\",\"id\":\"larry\"},\"action\":\"read\","
            + "\"resource\":{\"type\":\"Repository\",\"id\":\"gmail\"}}'");
    out.flush();
    return server;
  }

  /**
   * The store's active policy wins over {@code --policy} (so one activated over HTTP survives a
   * restart); when the file says something else, say which version stays and how to activate the
   * file, rather than serving the older policy silently.
   */
  private static void warnIfFileIsNotActive(
      PrintWriter out, ServerConfig cfg, Path policyFile, String source, Backend backend) {
    backend
        .versions()
        .current()
        .filter(v -> !v.source().equals(source))
        .ifPresent(
            v -> {
              String store =
                  "postgres".equals(cfg.store())
                      ? "--postgres '<JDBC URL>'"
                      : "--db " + cfg.dbOrDefault();
              out.println(
                  "WARNING: `"
                      + policyFile
                      + "` differs from the store's active policy; version "
                      + v.version()
                      + " (activated "
                      + v.activatedAt()
                      + ") stays active and the file is NOT enforced.");
              out.println(
                  "WARNING: to activate the file: warden policy push "
                      + policyFile
                      + " "
                      + store
                      + " (add --dry-run to see the changes first), then restart; or PUT"
                      + " /v1/policy.");
            });
  }

  /**
   * The configuration; a bad value or an unknown key is one line naming the key, not a stack trace.
   */
  private ServerConfig loadConfig(Map<String, String> env) throws IOException {
    try {
      return ConfigLoader.load(config, env, overrides());
    } catch (IllegalArgumentException e) {
      throw WardenException.invalid("invalid configuration: " + e.getMessage());
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw WardenException.invalid(
          "config file `"
              + config
              + "` is not valid YAML"
              + (at == null
                  ? ""
                  : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")")
              + ": "
              + oneLine(e.getOriginalMessage()));
    }
  }

  /** A parser's report in one line: its sentences, without the echoed source and carets. */
  private static String oneLine(String report) {
    return String.join(
        ": ",
        String.valueOf(report)
            .lines()
            .filter(l -> !l.isBlank() && !Character.isWhitespace(l.charAt(0)))
            .toList());
  }

  /**
   * A start that could not listen, said in one line naming the address: a busy port (another Warden
   * or program listens there) or an address that is not this machine's; anything else as it came.
   */
  static RuntimeException listenFailure(ServerConfig cfg, RuntimeException e) {
    String address = cfg.bind() + ":" + cfg.port();
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage());
      if (m.contains("Address already in use")) {
        return new WardenException(
            ErrorCode.UNAVAILABLE,
            "cannot listen on "
                + address
                + ": port "
                + cfg.port()
                + " is already in use (another Warden or another program listens there); stop it"
                + " or choose another --port");
      }
      if (m.contains("Cannot assign requested address")) {
        return new WardenException(
            ErrorCode.UNAVAILABLE,
            "cannot listen on "
                + address
                + ": `"
                + cfg.bind()
                + "` is not an address of this machine; check --bind");
      }
    }
    return e;
  }

  private static String readPolicy(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new WardenException(
          ErrorCode.INVALID_POLICY, "cannot read policy `" + file + "`: " + e.getMessage());
    }
  }

  private Map<String, String> overrides() {
    Map<String, String> o = new LinkedHashMap<>();
    put(o, "bind", bind);
    put(o, "port", port);
    put(o, "body_limit", bodyLimit);
    put(o, "store", store);
    put(o, "db", db);
    put(o, "policy", policy);
    put(o, "seed_data", data);
    put(o, "keys_file", keysFile);
    put(o, "insecure_dev", insecureDev);
    put(o, "consistency_timeout_ms", consistencyTimeoutMs);
    put(o, "event_loops", eventLoops);
    put(o, "watch_poll_ms", watchPollMs);
    put(o, "shutdown_grace_ms", shutdownGraceMs);
    put(o, "max_connections", maxConnections);
    put(o, "max_consistency_waits", maxConsistencyWaits);
    put(o, "audit", audit);
    put(o, "audit_durable", auditDurable);
    if (!o.keySet().stream().allMatch(ConfigLoader.KEYS::containsKey)) {
      throw new IllegalStateException(
          "an option maps to an unknown configuration key: " + o.keySet());
    }
    return o;
  }

  private static void put(Map<String, String> o, String key, Object value) {
    if (value != null) {
      o.put(key, value.toString());
    }
  }
}
