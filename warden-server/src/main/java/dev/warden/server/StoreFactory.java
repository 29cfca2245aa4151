package dev.warden.server;

import dev.warden.api.ErrorCode;
import dev.warden.api.WardenException;
import dev.warden.store.TupleStore;
import dev.warden.store.memory.MemoryStore;

/**
 * Opens the store named by {@code store:} in the configuration. Only {@code memory} exists today;
 * the SQLite and PostgreSQL stores plug in here when their modules land (one line each), and the
 * default then becomes {@code sqlite}.
 */
public final class StoreFactory {

  private StoreFactory() {}

  /** The store for the configuration. */
  public static TupleStore open(ServerConfig config) {
    return switch (config.store()) {
      case "memory" -> new MemoryStore();
      case "sqlite", "postgres" ->
          throw new WardenException(
              ErrorCode.UNAVAILABLE,
              "store `" + config.store() + "` is not built into this server yet; use `memory`");
      default ->
          throw new WardenException(
              ErrorCode.INVALID_REQUEST,
              "unknown store `" + config.store() + "`; choose `memory`, `sqlite` or `postgres`");
    };
  }
}
