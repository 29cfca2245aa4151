package dev.warden.server;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.store.TupleStore;
import dev.warden.store.memory.MemoryStore;
import dev.warden.store.postgres.PostgresStore;
import dev.warden.store.sqlite.SqliteStore;
import java.nio.file.Path;

/**
 * Opens the store named by {@code store:} in the configuration: {@code sqlite} (the default, in the
 * file {@code db}, {@value ServerConfig#DEFAULT_DB} when unset), {@code postgres} ({@code db} is
 * the JDBC URL) or {@code memory} (nothing survives a restart).
 */
public final class StoreFactory {

  private StoreFactory() {}

  /** The store for the configuration. */
  public static TupleStore open(ServerConfig config) {
    return switch (config.store()) {
      case "memory" -> new MemoryStore();
      case "sqlite" -> SqliteStore.open(Path.of(config.dbOrDefault()));
      case "postgres" -> PostgresStore.open(postgresUrl(config));
      default ->
          throw new WardenException(
              ErrorCode.INVALID_REQUEST,
              "unknown store `" + config.store() + "`; choose `memory`, `sqlite` or `postgres`");
    };
  }

  /** The JDBC URL of a {@code postgres} store; there is no sensible default to guess. */
  static String postgresUrl(ServerConfig config) {
    if (config.db() == null || config.db().isBlank()) {
      throw WardenException.invalid(
          "store `postgres` needs `db`: a JDBC URL such as"
              + " jdbc:postgresql://127.0.0.1:5432/warden?user=warden");
    }
    return config.db();
  }
}
