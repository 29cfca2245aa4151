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

  private ServerAudit(AuditStore store, AuditLog log) {
    this.store = store;
    this.log = log;
  }

  /** Opens (creating or migrating) the audit log in a database. */
  public static ServerAudit open(AuditDatabase database) {
    AuditStore store = AuditStore.open(database);
    // the server closes the log itself, before the store: no JVM hook racing that order
    return new ServerAudit(store, AuditLog.builder(store).closeOnShutdown(false).build());
  }

  /**
   * The audit log the configuration asks for: empty when {@code audit} is off, or when the store is
   * {@code memory} with no {@code db} (there is no database to keep it in).
   */
  public static Optional<ServerAudit> forConfig(ServerConfig config) {
    if (!config.audit()) {
      return Optional.empty();
    }
    return switch (config.store()) {
      case "sqlite" -> Optional.of(open(AuditDatabase.sqlite(Path.of(config.dbOrDefault()))));
      case "postgres" -> {
        // Beside the store, in its schema; an earlier server's log in `public` is moved there.
        String url = StoreFactory.postgresUrl(config);
        String schema = PostgresStore.DEFAULT_SCHEMA;
        AuditSchemaMove.intoStoreSchema(url, schema);
        yield Optional.of(open(AuditDatabase.postgres(url, null, null, schema)));
      }
      default ->
          config.db() == null || config.db().isBlank()
              ? Optional.empty()
              : Optional.of(open(AuditDatabase.sqlite(Path.of(config.db()))));
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
