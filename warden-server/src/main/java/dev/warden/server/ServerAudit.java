package dev.warden.server;

import dev.warden.audit.AuditDatabase;
import dev.warden.audit.AuditLog;
import dev.warden.audit.AuditStore;
import dev.warden.store.postgres.PostgresStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The server's audit trail: the {@link AuditLog} the endpoints record decisions to and the {@link
 * AuditStore} it writes to, which {@code GET /v1/audit} reads. It lives in the store's database,
 * and on PostgreSQL in the store's schema (the audit tables and their Flyway history are prefixed
 * {@code warden_audit_}, so sharing is safe).
 */
public final class ServerAudit implements AutoCloseable {

  private final AuditStore store;
  private final AuditLog log;
  private final boolean durable;

  private ServerAudit(AuditStore store, AuditLog log, boolean durable) {
    this.store = store;
    this.log = log;
    this.durable = durable;
  }

  /** Opens (creating or migrating) the audit log in a database. */
  public static ServerAudit open(AuditDatabase database) {
    return open(database, DEFAULT_QUEUE, false);
  }

  /** How many decisions may wait for the audit writer before checks are refused (audit_busy). */
  static final int DEFAULT_QUEUE = 65_536;

  /**
   * Opens the audit log with a queue of {@code queueCapacity} decisions (tests fill a small one).
   *
   * @param durable true when answers wait for their records' commit ({@code audit_durable})
   */
  static ServerAudit open(AuditDatabase database, int queueCapacity, boolean durable) {
    AuditStore store = AuditStore.open(database);
    // the server closes the log itself, before the store: no JVM hook racing that order
    return new ServerAudit(
        store,
        AuditLog.builder(store).queueCapacity(queueCapacity).closeOnShutdown(false).build(),
        durable);
  }

  /** True when an answer is sent only after its decision's record is committed. */
  public boolean durable() {
    return durable;
  }

  /**
   * The audit log the configuration asks for: empty when {@code audit} is off, or when the store is
   * {@code memory} with no {@code db} (there is no database to keep it in).
   */
  public static Optional<ServerAudit> forConfig(ServerConfig config) {
    if (!config.audit()) {
      return Optional.empty();
    }
    boolean durable = config.auditDurable();
    return switch (config.store()) {
      case "sqlite" ->
          Optional.of(
              open(AuditDatabase.sqlite(Path.of(config.dbOrDefault())), DEFAULT_QUEUE, durable));
      case "postgres" -> {
        // Beside the store, in its schema; an earlier server's log in `public` is moved there.
        String url = StoreFactory.postgresUrl(config);
        String schema = PostgresStore.DEFAULT_SCHEMA;
        AuditSchemaMove.intoStoreSchema(url, schema);
        yield Optional.of(
            open(AuditDatabase.postgres(url, null, null, schema), DEFAULT_QUEUE, durable));
      }
      default ->
          config.db() == null || config.db().isBlank()
              ? Optional.empty()
              : Optional.of(
                  open(AuditDatabase.sqlite(Path.of(config.db())), DEFAULT_QUEUE, durable));
    };
  }

  /** Where decisions are recorded. */
  public AuditLog log() {
    return log;
  }

  /** Where they are read back and verified. */
  public AuditStore store() {
    return store;
  }

  /** Commits every decision already recorded, then closes the database. */
  @Override
  public void close() {
    try {
      if (!log.flush(Duration.ofSeconds(30))) {
        java.util.logging.Logger.getLogger(ServerAudit.class.getName())
            .warning("the audit log did not flush within 30 s; closing anyway");
      }
      log.close();
    } finally {
      store.close();
    }
  }
}
