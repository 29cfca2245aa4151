package dev.warden.server;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything the server needs to start. Built from defaults, then a config file, then {@code
 * WARDEN_*} environment variables, then command-line options (see {@link ConfigLoader}).
 *
 * @param bind the address to listen on; loopback by default so nothing is exposed by accident
 * @param port the port; 0 picks a free one (tests)
 * @param bodyLimitBytes the largest request body accepted; larger ones get 413
 * @param store which {@link StoreFactory} backend keeps the data
 * @param db where a durable store keeps its data (a file or a JDBC URL)
 * @param policy the policy file enforced when the server starts
 * @param seedData grants and attributes loaded when the store is empty, or null
 * @param keysFile where API key hashes are kept
 * @param insecureDev true disables authentication (local play only)
 * @param consistencyTimeout how long a request asking {@code at_least} a revision waits
 * @param eventLoops how many event-loop threads serve HTTP
 * @param watchPoll how often a watch stream polls the store for changes
 * @param shutdownGrace how long close() lets in-flight requests finish
 * @param audit true records every decision to the audit log kept beside the store's data
 * @param auditDurable true sends each answer only after its decision's audit record is committed
 *     (durable audit); false sends it once the record is queued (the default)
 * @param limits bounds on connections and concurrent waits ({@link HttpLimits})
 */
public record ServerConfig(
    String bind,
    int port,
    long bodyLimitBytes,
    String store,
    String db,
    Path policy,
    Path seedData,
    Path keysFile,
    boolean insecureDev,
    Duration consistencyTimeout,
    int eventLoops,
    Duration watchPoll,
    Duration shutdownGrace,
    boolean audit,
    boolean auditDurable,
    HttpLimits limits) {

  /** The default port of the PDP. */
  public static final int DEFAULT_PORT = 7766;

  public ServerConfig {
    Objects.requireNonNull(bind, "bind");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(consistencyTimeout, "consistencyTimeout");
    Objects.requireNonNull(watchPoll, "watchPoll");
    Objects.requireNonNull(shutdownGrace, "shutdownGrace");
    Objects.requireNonNull(limits, "limits");
    if (port < 0 || port > 65_535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
    if (bodyLimitBytes < 1024) {
      throw new IllegalArgumentException("body limit must be at least 1024 bytes");
    }
    if (eventLoops < 1) {
      throw new IllegalArgumentException("event loops must be at least 1");
    }
  }

  /**
   * The defaults: loopback, port 7766, 1 MiB bodies, SQLite store in {@code warden.db}, audit on.
   */
  public static ServerConfig defaults() {
    return new ServerConfig(
        "127.0.0.1",
        DEFAULT_PORT,
        1 << 20,
        "sqlite",
        null,
        null,
        null,
        Path.of(".warden", "keys.yaml"),
        false,
        Duration.ofSeconds(2),
        Math.max(1, Runtime.getRuntime().availableProcessors()),
        Duration.ofMillis(100),
        Duration.ofSeconds(10),
        true,
        false,
        HttpLimits.defaults());
  }

  /** Engine options carrying this configuration's consistency timeout. */
  public dev.warden.engine.EngineOptions engineOptions() {
    return dev.warden.engine.EngineOptions.defaults().withConsistencyTimeout(consistencyTimeout);
  }

  /** The default SQLite file, in the working directory. */
  public static final String DEFAULT_DB = "warden.db";

  /** The database a durable store uses: {@code db}, or {@value #DEFAULT_DB} for SQLite. */
  public String dbOrDefault() {
    return db == null || db.isBlank() ? DEFAULT_DB : db;
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes some components and builds a new configuration, which the record's constructor
   * validates. A new component is added here, in the canonical constructor, and nowhere else.
   */
  public static final class Builder {
    private String bind;
    private int port;
    private long bodyLimitBytes;
    private String store;
    private String db;
    private Path policy;
    private Path seedData;
    private Path keysFile;
    private boolean insecureDev;
    private Duration consistencyTimeout;
    private int eventLoops;
    private Duration watchPoll;
    private Duration shutdownGrace;
    private boolean audit;
    private boolean auditDurable;
    private HttpLimits limits;

    private Builder(ServerConfig c) {
      bind = c.bind;
      port = c.port;
      bodyLimitBytes = c.bodyLimitBytes;
      store = c.store;
      db = c.db;
      policy = c.policy;
      seedData = c.seedData;
      keysFile = c.keysFile;
      insecureDev = c.insecureDev;
      consistencyTimeout = c.consistencyTimeout;
      eventLoops = c.eventLoops;
      watchPoll = c.watchPoll;
      shutdownGrace = c.shutdownGrace;
      audit = c.audit;
      auditDurable = c.auditDurable;
      limits = c.limits;
    }

    public Builder bind(String value) {
      bind = value;
      return this;
    }

    public Builder port(int value) {
      port = value;
      return this;
    }

    public Builder bodyLimitBytes(long value) {
      bodyLimitBytes = value;
      return this;
    }

    public Builder store(String value) {
      store = value;
      return this;
    }

    public Builder db(String value) {
      db = value;
      return this;
    }

    public Builder policy(Path value) {
      policy = value;
      return this;
    }

    public Builder seedData(Path value) {
      seedData = value;
      return this;
    }

    public Builder keysFile(Path value) {
      keysFile = value;
      return this;
    }

    public Builder insecureDev(boolean value) {
      insecureDev = value;
      return this;
    }

    public Builder consistencyTimeout(Duration value) {
      consistencyTimeout = value;
      return this;
    }

    public Builder eventLoops(int value) {
      eventLoops = value;
      return this;
    }

    public Builder watchPoll(Duration value) {
      watchPoll = value;
      return this;
    }

    public Builder shutdownGrace(Duration value) {
      shutdownGrace = value;
      return this;
    }

    public Builder audit(boolean value) {
      audit = value;
      return this;
    }

    public Builder auditDurable(boolean value) {
      auditDurable = value;
      return this;
    }

    public Builder limits(HttpLimits value) {
      limits = value;
      return this;
    }

    /** The configuration; the record's constructor rejects an invalid one. */
    public ServerConfig build() {
      return new ServerConfig(
          bind,
          port,
          bodyLimitBytes,
          store,
          db,
          policy,
          seedData,
          keysFile,
          insecureDev,
          consistencyTimeout,
          eventLoops,
          watchPoll,
          shutdownGrace,
          audit,
          auditDurable,
          limits);
    }
  }
}
